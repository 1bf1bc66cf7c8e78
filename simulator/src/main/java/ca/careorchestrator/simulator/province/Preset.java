package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.geo.Regions;
import java.util.List;
import java.util.Locale;

/**
 * How much of the province to generate. Every preset draws the same clinics for a given network and seed,
 * so {@code region} is exactly the province's clinics of Capitale-Nationale.
 */
public enum Preset {
    /** Gaspésie–Îles-de-la-Madeleine (RSS 11): about 14 clinics; includes the Atlantic-time FSAs. For tests. */
    TINY(List.of(new RegionCode("11"))),
    /** Capitale-Nationale (RSS 03): about 120 clinics. The default run. */
    REGION(List.of(new RegionCode("03"))),
    /** All 18 regions: about 1,300 clinics and over 3 million future slots. */
    PROVINCE(Regions.codes());

    private final List<RegionCode> regions;

    Preset(List<RegionCode> regions) {
        this.regions = regions;
    }

    public List<RegionCode> regions() {
        return regions;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
