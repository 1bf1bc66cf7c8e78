package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;
import java.util.Optional;

/** An offer: a slot held for a request until {@code expiresAt}. {@code state}: PENDING, ACCEPTED, DECLINED, LAPSED, WITHDRAWN. */
public record OfferView(OfferId id, CareRequestId request, SlotId slot, HoldId hold, String state, Instant offeredAt, Instant expiresAt,
        Optional<Instant> decidedAt) {
}
