package ca.careorchestrator.app.booking;

/** What moving an appointment to a held slot gave. */
public sealed interface RescheduleOutcome {

    /** Booked on the new slot; {@code previous} says what became of the old one's cancellation. */
    record Moved(AppointmentView appointment, CancelOutcome previous) implements RescheduleOutcome {
    }

    /** The new booking waits for its source's answer; the old appointment stands until it is confirmed, then is cancelled. */
    record Pending(AppointmentView appointment) implements RescheduleOutcome {
    }

    record NotFound() implements RescheduleOutcome {
    }

    /** Only a confirmed appointment with no cancellation under way can move. */
    record NotMovable(AppointmentView appointment) implements RescheduleOutcome {
    }

    /** The new slot could not be booked; the old appointment stands. */
    record NotBooked(BookOutcome why) implements RescheduleOutcome {
    }
}
