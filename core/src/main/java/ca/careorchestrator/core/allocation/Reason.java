package ca.careorchestrator.core.allocation;

/**
 * Why a stage's audience does or does not take in an applicant: a code the edges translate (messages
 * {@code allocation.reason.<CODE>}), never free text.
 */
public enum Reason {
    REGISTERED_WITH_CLINIC(true),
    NOT_REGISTERED_WITH_CLINIC(false),
    REGISTERED_WITH_PROFESSIONAL(true),
    NOT_REGISTERED_WITH_PROFESSIONAL(false),
    REFERRED_WITH_PRIORITY(true),
    REFERRAL_PRIORITY_TOO_LOW(false),
    NOT_REFERRED(false),
    /** Registered with a family doctor: the orphan-patient audience is for those without one. */
    NOT_ORPHAN(false),
    AGE_IN_BAND(true),
    AGE_OUTSIDE_BAND(false),
    RESIDENT(true),
    NOT_RESIDENT(false),
    INSURED(true),
    /** Anonymous visitor: the stage is open to every insured person, whoever they are. */
    OPEN_TO_EVERYONE(true),
    /** Anonymous visitor: this audience depends on who they are, known once they sign in. */
    IDENTITY_NEEDED(false),
    /** A checked health-insurance number the registry has no profile for: only "any insured" is known to admit. */
    PROFILE_UNKNOWN(false);

    private final boolean admits;

    Reason(boolean admits) {
        this.admits = admits;
    }

    public boolean admits() {
        return admits;
    }
}
