package ca.careorchestrator.core.geo;

import java.time.ZoneId;

/**
 * A forward sortation area located by its centroid, the local network it falls in and its time zone
 * (most of Quebec is America/Montreal; the Magdalen Islands, G0B and G4T, keep Atlantic time).
 */
public record PostalArea(Fsa fsa, String place, GeoPoint centroid, LocalNetworkCode localNetwork, ZoneId zone) {

    public PostalArea {
        if (fsa == null || centroid == null || localNetwork == null || zone == null) {
            throw new IllegalArgumentException("a postal area has an FSA, a centroid, a network and a zone");
        }
    }

    public RegionCode region() {
        return localNetwork.region();
    }
}
