package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Instant;
import java.util.Optional;

/** A slot was held for the best waiting request and its patient notified; the offer runs until {@code expiresAt}. */
public record OfferMade(OfferId offer, CareRequestId request, SlotId slot, Optional<PriorityCode> priority, Instant at, Instant expiresAt) {
}
