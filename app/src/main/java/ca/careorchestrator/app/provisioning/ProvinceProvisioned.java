package ca.careorchestrator.app.provisioning;

import ca.careorchestrator.simulator.province.ProvinceSpec;

/**
 * The directory of this synthetic province is in place (loaded now or by an earlier run).
 * {@code slotsFromSources}: its slots are to arrive from the clinics' systems (the simulation serves them).
 */
public record ProvinceProvisioned(ProvinceSpec spec, boolean slotsFromSources) {
}
