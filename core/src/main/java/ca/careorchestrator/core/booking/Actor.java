package ca.careorchestrator.core.booking;

/**
 * Who acted on a slot, for fairness: the patient themself (id = their patient id), a partner platform (id = its
 * OAuth2 client id), an access-desk nurse or clinic staff member (id = their user name) acting on a patient's
 * behalf, or the waitlist making an offer (id = the offer). A hold always names a verified patient as well; the
 * actor says through whom it came. Never payment or subscription.
 */
public record Actor(Kind kind, String id) {

    public enum Kind {
        PATIENT, PARTNER, ACCESS_DESK, CLINIC_STAFF, WAITLIST, OPERATOR
    }

    public Actor {
        if (kind == null || id == null || id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("an actor has a kind and an id of 1 to 100 characters");
        }
    }

    public static Actor patient(java.util.UUID patient) {
        return new Actor(Kind.PATIENT, patient.toString());
    }

    /** The orchestrator itself (a waitlist offer) is not a party that could hoard. */
    public boolean isSystem() {
        return kind == Kind.WAITLIST;
    }

    public String key() {
        return kind + ":" + id;
    }
}
