package ca.careorchestrator.app.web.observatory;

import java.util.Map;

/**
 * Where each of the 18 regions (RSS) sits in the overview's tile grid: a rough map of Quebec, seven columns west to
 * east and five rows north to south (Nunavik at the top, Montréal, Laval and the south shore at the bottom, the
 * Gaspé to the east). On a phone the grid becomes a list in code order.
 */
final class RegionGrid {

    /** Column and row, from 1. */
    record Place(int column, int row) {
    }

    private static final Map<String, Place> PLACES = Map.ofEntries(
            Map.entry("17", new Place(3, 1)),  // Nunavik
            Map.entry("18", new Place(2, 2)),  // Terres-Cries-de-la-Baie-James
            Map.entry("10", new Place(3, 2)),  // Nord-du-Québec
            Map.entry("09", new Place(5, 2)),  // Côte-Nord
            Map.entry("08", new Place(1, 3)),  // Abitibi-Témiscamingue
            Map.entry("02", new Place(4, 3)),  // Saguenay–Lac-Saint-Jean
            Map.entry("11", new Place(7, 3)),  // Gaspésie–Îles-de-la-Madeleine
            Map.entry("07", new Place(1, 4)),  // Outaouais
            Map.entry("15", new Place(2, 4)),  // Laurentides
            Map.entry("14", new Place(3, 4)),  // Lanaudière
            Map.entry("04", new Place(4, 4)),  // Mauricie et Centre-du-Québec
            Map.entry("03", new Place(5, 4)),  // Capitale-Nationale
            Map.entry("01", new Place(6, 4)),  // Bas-Saint-Laurent
            Map.entry("13", new Place(2, 5)),  // Laval
            Map.entry("06", new Place(3, 5)),  // Montréal
            Map.entry("16", new Place(4, 5)),  // Montérégie
            Map.entry("05", new Place(5, 5)),  // Estrie
            Map.entry("12", new Place(6, 5))); // Chaudière-Appalaches

    private RegionGrid() {
    }

    /** The region's place; a code the grid does not know goes to a last row. */
    static Place of(String code) {
        return PLACES.getOrDefault(code, new Place(1, 6));
    }
}
