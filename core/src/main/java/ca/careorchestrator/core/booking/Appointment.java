package ca.careorchestrator.core.booking;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.patient.PatientId;
import java.time.Instant;

/** A patient's appointment on a slot. The source system's answer settles {@link AppointmentState}. */
public record Appointment(AppointmentId id, SlotId slot, PatientId patient, Instant requestedAt, AppointmentState state) {

    public Appointment {
        if (id == null || slot == null || patient == null || requestedAt == null || state == null) {
            throw new IllegalArgumentException("an appointment has an id, a slot, a patient, a request time and a state");
        }
    }

    public static Appointment request(AppointmentId id, SlotId slot, PatientId patient, Instant now) {
        return new Appointment(id, slot, patient, now, new AppointmentState.Pending(now));
    }

    /** This appointment in {@code next} state; an illegal transition is a programming error. */
    public Appointment becoming(AppointmentState next) {
        if (!legal(state, next)) {
            throw new IllegalStateException("appointment " + id + " cannot go from " + state.code() + " to " + next.code());
        }
        return new Appointment(id, slot, patient, requestedAt, next);
    }

    private static boolean legal(AppointmentState from, AppointmentState to) {
        return switch (from) {
            case AppointmentState.Pending pending ->
                    to instanceof AppointmentState.Confirmed || to instanceof AppointmentState.Rejected;
            case AppointmentState.Confirmed confirmed -> to instanceof AppointmentState.Cancelled
                    || to instanceof AppointmentState.Fulfilled || to instanceof AppointmentState.NoShow;
            case AppointmentState.Rejected rejected -> false;
            case AppointmentState.Cancelled cancelled -> false;
            case AppointmentState.Fulfilled fulfilled -> false;
            case AppointmentState.NoShow noShow -> false;
        };
    }
}
