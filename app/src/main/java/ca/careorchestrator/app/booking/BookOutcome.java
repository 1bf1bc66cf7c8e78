package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.SourceSystem;
import java.util.Optional;

/** What confirming a hold gave. */
public sealed interface BookOutcome {

    /** The source booked it. */
    record Confirmed(AppointmentView appointment) implements BookOutcome {
    }

    /** Sent, no answer yet (timeout or source busy): reconciliation settles it with the same idempotency key. */
    record Pending(AppointmentView appointment) implements BookOutcome {
    }

    /** The slot is booked by phone or on the source's own page: the patient is handed over. */
    record HandedOver(SlotId slot, SourceSystem source, BookingChannel channel, Optional<String> deepLink, Optional<String> phone)
            implements BookOutcome {
    }

    /** The source says no, or took the slot meanwhile (its word wins). */
    record SlotTaken(SlotId slot, String reason) implements BookOutcome {
    }

    /** The hold ran out before the confirmation. */
    record HoldExpired(SlotId slot) implements BookOutcome {
    }

    /** No such hold for this patient (or it ended: released, voided). */
    record HoldNotFound() implements BookOutcome {
    }

    /** The source that books this slot is not connected now; nothing was sent. */
    record SourceUnavailable(SourceSystem source) implements BookOutcome {
    }
}
