package ca.careorchestrator.app.security;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PatientId;

/**
 * Who is acting on a request: a closed set, so every use decides for each kind. {@link #kind()} and {@link #id()}
 * are what is recorded with a hold (hoarding detection looks at holds per kind and id); the id is never a NAM.
 */
public sealed interface Actor {

    Kind kind();

    /** Stable and pseudonymous: the registry's patient id, a client id, a staff user name; empty for anonymous. */
    String id();

    enum Kind {
        /** Nobody signed in: public search, and the patients' NAM form until identity's sign-in replaces it. */
        ANONYMOUS,
        PATIENT,
        PARTNER,
        /** A source platform pushing notifications with its own client (scope {@code notify}). */
        SOURCE,
        CLINIC_STAFF,
        ACCESS_DESK,
        MINISTRY_ANALYST,
        OPERATOR
    }

    record Anonymous() implements Actor {
        @Override
        public Kind kind() {
            return Kind.ANONYMOUS;
        }

        @Override
        public String id() {
            return "";
        }
    }

    record Patient(PatientId patient) implements Actor {
        @Override
        public Kind kind() {
            return Kind.PATIENT;
        }

        @Override
        public String id() {
            return patient.toString();
        }
    }

    record Partner(String clientId) implements Actor {
        @Override
        public Kind kind() {
            return Kind.PARTNER;
        }

        @Override
        public String id() {
            return clientId;
        }
    }

    record Source(String clientId) implements Actor {
        @Override
        public Kind kind() {
            return Kind.SOURCE;
        }

        @Override
        public String id() {
            return clientId;
        }
    }

    record ClinicStaff(String user, ClinicId clinic) implements Actor {
        @Override
        public Kind kind() {
            return Kind.CLINIC_STAFF;
        }

        @Override
        public String id() {
            return user;
        }
    }

    record AccessDesk(String user, RegionCode region) implements Actor {
        @Override
        public Kind kind() {
            return Kind.ACCESS_DESK;
        }

        @Override
        public String id() {
            return user;
        }
    }

    record Analyst(String user) implements Actor {
        @Override
        public Kind kind() {
            return Kind.MINISTRY_ANALYST;
        }

        @Override
        public String id() {
            return user;
        }
    }

    /** A person at the operations pages, or an operations client (scope {@code operations}). */
    record Operator(String user) implements Actor {
        @Override
        public Kind kind() {
            return Kind.OPERATOR;
        }

        @Override
        public String id() {
            return user;
        }
    }
}
