package ca.careorchestrator.simulator.province;

import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.geo.Regions;
import java.util.List;
import java.util.Locale;

/**
 * How much of the province to generate. Every preset draws the same clinics for a given network and seed,
 * so {@code region} is exactly the province's clinics of Estrie.
 */
public enum Preset {
    /** Gaspésie–Îles-de-la-Madeleine (RSS 11): about 14 clinics; includes the Atlantic-time FSAs. For tests. */
    TINY(List.of(new RegionCode("11"))),
    /**
     * Estrie (RSS 05): about 75 clinics and 270,000 slots, a French and English region. The default run: small
     * enough for the embedded database to hold it fully within a minute of a first start.
     */
    REGION(List.of(new RegionCode("05"))),
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

    /** The preset {@link #code()} names. */
    public static Preset fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
