package ca.careorchestrator.app.directory;

import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.util.Optional;

/** Clinics in a region or network, optionally within a radius of a point (then nearest first). */
public record ClinicQuery(Optional<RegionCode> region, Optional<LocalNetworkCode> localNetwork, Optional<Near> near,
        PageRequest page) {

    public record Near(GeoPoint point, double radiusKm) {
    }
}
