package ca.careorchestrator.connector.hl7v2;

import java.util.Optional;

/**
 * What each SIU trigger event (MSH-9.2) says about the slot the appointment sits in. The trigger decides,
 * not SCH-25: vendors leave the filler status at Booked on cancellations and deletions (rimiti fixture).
 */
enum SiuTrigger {
    /** Notification of new appointment booking. */
    S12(Effect.BY_STATUS),
    /** Rescheduling: the appointment (our slot) now has the time in SCH-11. */
    S13(Effect.BY_STATUS),
    /** Modification. */
    S14(Effect.BY_STATUS),
    /** Cancellation: no appointment in the slot any more. */
    S15(Effect.FREES),
    /** Discontinuation (of a series): the remaining occurrence is free. */
    S16(Effect.FREES),
    /** Deletion: the record is gone; so is the slot. */
    S17(Effect.REMOVES),
    /** Addition of a service or resource. */
    S18(Effect.BY_STATUS),
    /** Modification of a service or resource. */
    S19(Effect.BY_STATUS),
    /** Cancellation of a service or resource (the appointment stays). */
    S20(Effect.BY_STATUS),
    /** Discontinuation of a service or resource (the appointment stays). */
    S21(Effect.BY_STATUS),
    /** Deletion of a service or resource (the appointment stays). */
    S22(Effect.BY_STATUS),
    /** Blocked schedule time slot: not bookable. */
    S23(Effect.TAKES),
    /** Opened (unblocked) schedule time slot: bookable. */
    S24(Effect.FREES),
    /** No-show: the slot was booked (and is past); it stays taken. */
    S26(Effect.TAKES);

    /** What happens to the slot. */
    enum Effect {
        /** Free when SCH-25 says no appointment holds it (Open, Cancelled, Dc), gone when Deleted, else taken. */
        BY_STATUS,
        FREES,
        TAKES,
        REMOVES
    }

    private final Effect effect;

    SiuTrigger(Effect effect) {
        this.effect = effect;
    }

    Effect effect() {
        return effect;
    }

    static Optional<SiuTrigger> of(String event) {
        for (SiuTrigger trigger : values()) {
            if (trigger.name().equalsIgnoreCase(event == null ? "" : event.strip())) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }
}
