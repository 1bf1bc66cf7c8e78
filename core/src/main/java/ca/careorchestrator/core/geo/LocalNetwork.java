package ca.careorchestrator.core.geo;

/** A local service network (RLS, "réseau local de services"): 96 of them partition the 18 RSS. */
public record LocalNetwork(LocalNetworkCode code, String name, long population) {

    public LocalNetwork {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a local network has a name");
        }
        if (population < 0) {
            throw new IllegalArgumentException("population is not negative");
        }
    }

    public RegionCode region() {
        return code.region();
    }
}
