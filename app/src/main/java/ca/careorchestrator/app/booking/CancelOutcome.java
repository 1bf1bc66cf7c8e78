package ca.careorchestrator.app.booking;

/** What asking to cancel an appointment gave. */
public sealed interface CancelOutcome {

    record Cancelled(AppointmentView appointment) implements CancelOutcome {
    }

    /** Sent, no answer yet: reconciliation asks again with the same key. */
    record Pending(AppointmentView appointment) implements CancelOutcome {
    }

    /** No such appointment for this patient. */
    record NotFound() implements CancelOutcome {
    }

    /** Not cancellable in its state (still being booked, already ended). */
    record NotCancellable(AppointmentView appointment) implements CancelOutcome {
    }

    /** The source refused; the appointment stands. */
    record Refused(AppointmentView appointment, String reason) implements CancelOutcome {
    }
}
