package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;

/** Nobody answered before the offer ran out: the hold was released and the slot goes to the next best request. */
public record OfferLapsed(OfferId offer, CareRequestId request, SlotId slot, Instant at) {
}
