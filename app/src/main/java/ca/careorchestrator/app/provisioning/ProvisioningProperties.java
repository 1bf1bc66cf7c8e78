package ca.careorchestrator.app.provisioning;

import ca.careorchestrator.simulator.province.Preset;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code care.provisioning.*}: which synthetic province to load into an empty database.
 *
 * @param preset tiny, region or province
 * @param seed   the generator seed: same seed, same province
 * @param weeks  horizon of the weekly templates
 * @param enabled false to start on whatever the database holds
 * @param slots   where slots come from: the simulated platforms through the connectors (the real path), or
 *                written directly from the generator (a fast seed for work that does not exercise ingestion)
 */
@ConfigurationProperties("care.provisioning")
public record ProvisioningProperties(Preset preset, long seed, int weeks, boolean enabled, SlotOrigin slots) {

    public enum SlotOrigin {
        SOURCES, DIRECT
    }

    public ProvisioningProperties {
        if (preset == null) {
            preset = Preset.REGION;
        }
        if (slots == null) {
            slots = SlotOrigin.SOURCES;
        }
        if (weeks < 1 || weeks > 26) {
            throw new IllegalArgumentException("care.provisioning.weeks is 1 to 26");
        }
    }
}
