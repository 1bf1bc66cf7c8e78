package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;

/** The patient accepted in time: the slot was booked at its source (or handed over to its page or phone). */
public record OfferAccepted(OfferId offer, CareRequestId request, SlotId slot, Instant at) {
}
