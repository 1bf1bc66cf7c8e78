package ca.careorchestrator.app.catalog;

import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.util.Optional;

/**
 * A search for free slots: where (a region, or a radius around a point, or the whole province), what (service,
 * profession, modality, language), when (a window) and in which order, one page at a time. Checked by the
 * web layer before it gets here (known codes, window and radius in range).
 */
public record SlotQuery(Optional<RegionCode> region, Optional<Near> near, Optional<ServiceTypeCode> service,
        Optional<Profession> profession, Optional<Modality> modality, Optional<Language> language, Instant from, Instant to,
        Order order, int page, int size) {

    public enum Order {
        SOONEST, NEAREST
    }

    /** Within {@code radiusKm} of a point (a postal area's centroid). */
    public record Near(GeoPoint point, double radiusKm) {
    }

    public SlotQuery {
        if (region == null || near == null || service == null || profession == null || modality == null || language == null
                || from == null || to == null || order == null) {
            throw new IllegalArgumentException("a slot query names every criterion (empty when not asked)");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a search window ends after it starts");
        }
        if (page < 0 || size < 1 || size > 100) {
            throw new IllegalArgumentException("a page is >= 0 and its size 1..100");
        }
        if (order == Order.NEAREST && near.isEmpty()) {
            throw new IllegalArgumentException("nearest-first needs a point to measure from");
        }
    }
}
