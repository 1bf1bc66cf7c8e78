package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;

/** The patient declined: the hold was released and the slot goes to the next best request. */
public record OfferDeclined(OfferId offer, CareRequestId request, SlotId slot, Instant at) {
}
