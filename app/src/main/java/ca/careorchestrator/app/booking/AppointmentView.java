package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.util.Optional;

/**
 * An appointment as its patient sees it. {@code state} is an {@code AppointmentState} code; {@code cancelling}
 * when a cancellation was sent and its answer is awaited.
 */
public record AppointmentView(AppointmentId id, SlotId slot, String state, SourceSystem source, Optional<String> sourceReference,
        Instant requestedAt, Optional<Instant> settledAt, Optional<String> reason, boolean cancelling) {
}
