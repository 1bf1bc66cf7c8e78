package ca.careorchestrator.core.geo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 18 health regions (RSS) of Quebec with their official names (MSSS). Reference files spell them in
 * several ways ("Bas-St-Laurent"); this list is the one the model uses.
 */
public final class Regions {

    private static final Map<RegionCode, String> OFFICIAL_NAMES = new TreeMap<>();

    static {
        name("01", "Bas-Saint-Laurent");
        name("02", "Saguenay–Lac-Saint-Jean");
        name("03", "Capitale-Nationale");
        name("04", "Mauricie et Centre-du-Québec");
        name("05", "Estrie");
        name("06", "Montréal");
        name("07", "Outaouais");
        name("08", "Abitibi-Témiscamingue");
        name("09", "Côte-Nord");
        name("10", "Nord-du-Québec");
        name("11", "Gaspésie–Îles-de-la-Madeleine");
        name("12", "Chaudière-Appalaches");
        name("13", "Laval");
        name("14", "Lanaudière");
        name("15", "Laurentides");
        name("16", "Montérégie");
        name("17", "Nunavik");
        name("18", "Terres-Cries-de-la-Baie-James");
    }

    private Regions() {
    }

    private static void name(String code, String name) {
        OFFICIAL_NAMES.put(new RegionCode(code), name);
    }

    /** The official French name of an RSS. */
    public static String officialName(RegionCode code) {
        return OFFICIAL_NAMES.get(code);
    }

    /** All 18 codes, in order. */
    public static List<RegionCode> codes() {
        return List.copyOf(OFFICIAL_NAMES.keySet());
    }
}
