package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import java.time.Instant;

/** One read of a patient's data: who, what, about whom, why, when, and whether it was granted. */
public record AuditEntry(long id, Instant at, Actor actor, String action, PatientId subject, String purpose, Outcome outcome) {

    public enum Outcome {
        GRANTED, DENIED
    }

    /** Who read: the patient themself, a partner platform (OAuth2 client id), a staff user, the system, or nobody known. */
    public record Actor(Kind kind, String id) {

        public enum Kind {
            PATIENT, PARTNER, STAFF, SYSTEM, ANONYMOUS
        }

        public Actor {
            if (kind == null || id == null || id.isBlank()) {
                throw new IllegalArgumentException("an actor has a kind and an id");
            }
        }

        public static Actor patient(PatientId patient) {
            return new Actor(Kind.PATIENT, patient.toString());
        }

        public static final Actor ANONYMOUS = new Actor(Kind.ANONYMOUS, "anonymous");
    }
}
