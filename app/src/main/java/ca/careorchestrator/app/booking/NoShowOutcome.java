package ca.careorchestrator.app.booking;

/** What recording a missed appointment gave. */
public sealed interface NoShowOutcome {

    record Recorded(AppointmentView appointment) implements NoShowOutcome {
    }

    /** No such appointment at this clinic. */
    record NotFound() implements NoShowOutcome {
    }

    /** Its time has not come yet. */
    record NotStarted(AppointmentView appointment) implements NoShowOutcome {
    }

    /** Not a confirmed appointment (cancelled, already recorded, still being booked). */
    record NotConfirmed(AppointmentView appointment) implements NoShowOutcome {
    }
}
