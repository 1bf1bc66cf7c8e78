package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.Optional;

/**
 * Someone searched for free slots (the first page of a search; the next pages are the same search): where (a region,
 * or around a postal area's centre), what service, and whether nothing was free in the window asked (unmet demand).
 * Published synchronously: a listener must only count.
 */
public record SlotsSearched(Optional<RegionCode> region, Optional<GeoPoint> near, Optional<ServiceTypeCode> service, boolean unmet,
        Instant at) {
}
