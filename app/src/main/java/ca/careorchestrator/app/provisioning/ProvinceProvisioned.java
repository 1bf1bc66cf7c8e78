package ca.careorchestrator.app.provisioning;

import ca.careorchestrator.simulator.province.ProvinceSpec;

/** The directory of this synthetic province is in place (loaded now or by an earlier run). */
public record ProvinceProvisioned(ProvinceSpec spec) {
}
