package ca.careorchestrator.core.geo;

/** A health region (RSS) with its official French name and its population. */
public record Region(RegionCode code, String name, long population) {

    public Region {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a region has a name");
        }
        if (population < 0) {
            throw new IllegalArgumentException("population is not negative");
        }
    }
}
