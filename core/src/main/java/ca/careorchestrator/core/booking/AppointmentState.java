package ca.careorchestrator.core.booking;

import java.time.Instant;

/**
 * The life of an appointment. A booking is {@link Pending} until the source system answers; a timeout
 * leaves it pending for reconciliation (never guessed).
 * <pre>
 * Pending ──confirm──► Confirmed ──cancel──► Cancelled
 *    └──reject──► Rejected        ├──attend──► Fulfilled
 *                                  └──miss────► NoShow
 * </pre>
 */
public sealed interface AppointmentState {

    String code();

    record Pending(Instant sentAt) implements AppointmentState {
        public Confirmed confirm(Instant at, String sourceReference) {
            return new Confirmed(at, sourceReference);
        }

        public Rejected reject(Instant at, String reason) {
            return new Rejected(at, reason);
        }

        @Override
        public String code() {
            return "PENDING";
        }
    }

    record Confirmed(Instant at, String sourceReference) implements AppointmentState {
        public Confirmed {
            if (at == null || sourceReference == null || sourceReference.isBlank()) {
                throw new IllegalArgumentException("a confirmation carries its time and the source's reference");
            }
        }

        public Cancelled cancel(Instant when, CancelledBy by) {
            return new Cancelled(when, by);
        }

        public Fulfilled attend() {
            return new Fulfilled();
        }

        public NoShow miss() {
            return new NoShow();
        }

        @Override
        public String code() {
            return "CONFIRMED";
        }
    }

    record Rejected(Instant at, String reason) implements AppointmentState {
        @Override
        public String code() {
            return "REJECTED";
        }
    }

    record Cancelled(Instant at, CancelledBy by) implements AppointmentState {
        @Override
        public String code() {
            return "CANCELLED";
        }
    }

    record Fulfilled() implements AppointmentState {
        @Override
        public String code() {
            return "FULFILLED";
        }
    }

    record NoShow() implements AppointmentState {
        @Override
        public String code() {
            return "NO_SHOW";
        }
    }

    enum CancelledBy {
        PATIENT, CLINIC, ACCESS_DESK, SOURCE
    }
}
