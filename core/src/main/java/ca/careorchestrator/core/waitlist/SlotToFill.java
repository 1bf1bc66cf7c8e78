package ca.careorchestrator.core.waitlist;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.GeoPoint;
import java.time.Instant;

/** A free slot the waitlist is asked to fill: what a request must match (its clinic's position counts only in person). */
public record SlotToFill(ServiceTypeCode service, Modality modality, Instant start, GeoPoint place) {

    public SlotToFill {
        if (service == null || modality == null || start == null || place == null) {
            throw new IllegalArgumentException("a slot to fill has a service, a modality, a start and a place");
        }
    }
}
