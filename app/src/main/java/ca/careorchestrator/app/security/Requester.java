package ca.careorchestrator.app.security;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PatientId;

/**
 * Who sent this request, as the filter chains authenticated them: a closed set, so every use decides for each kind,
 * with what the rules need (a staff member's clinic, a desk's region). What a hold records is the booking's
 * {@link ca.careorchestrator.core.booking.Actor}, from {@link CurrentActor#actorFor}: never a NAM.
 */
public sealed interface Requester {

    /** Nobody signed in: public search, orientation and reference data only. */
    record Anonymous() implements Requester {
    }

    /** A patient signed in with identity's sign-in: the registry's id. */
    record Patient(PatientId patient) implements Requester {
    }

    /** A partner platform: its OAuth2 client id (token scope {@code booking}). */
    record Partner(String clientId) implements Requester {
    }

    /** A source platform pushing notifications with its own client (scope {@code notify}). */
    record Source(String clientId) implements Requester {
    }

    record ClinicStaff(String user, ClinicId clinic) implements Requester {
    }

    record AccessDesk(String user, RegionCode region) implements Requester {
    }

    record Analyst(String user) implements Requester {
    }

    /** A person at the operations pages, or an operations client (scope {@code operations}): its user name or client id. */
    record Operator(String user) implements Requester {
    }
}
