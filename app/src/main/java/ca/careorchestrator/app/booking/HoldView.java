package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import java.time.Instant;

/** A hold as the patient sees it. {@code state}: LIVE, BOOKING, HANDED_OVER, BOOKED, RELEASED, EXPIRED, VOIDED. */
public record HoldView(HoldId id, SlotId slot, String state, Instant createdAt, Instant expiresAt, BookingChannel channel) {
}
