package ca.careorchestrator.core.care;

import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.List;

/**
 * A primary-care site and the systems it publishes through (the first is its main one; a clinic with an
 * EMR and a booking platform lists both, and its slots arrive through both).
 */
public record Clinic(
        ClinicId id,
        String name,
        ClinicKind kind,
        LocalNetworkCode localNetwork,
        Fsa fsa,
        GeoPoint location,
        String phone,
        List<SourceSystem> systems) {

    public Clinic {
        if (id == null || kind == null || localNetwork == null || fsa == null || location == null) {
            throw new IllegalArgumentException("a clinic has an id, a kind, a network, an FSA and a location");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a clinic has a name");
        }
        systems = List.copyOf(systems);
        if (systems.isEmpty() || systems.size() != systems.stream().distinct().count()) {
            throw new IllegalArgumentException("a clinic publishes through one or more distinct systems");
        }
    }

    public RegionCode region() {
        return localNetwork.region();
    }
}
