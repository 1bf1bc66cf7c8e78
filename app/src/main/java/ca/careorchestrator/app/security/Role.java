package ca.careorchestrator.app.security;

/**
 * The roles of issue #5. Partners and operators' machines get theirs from token scopes; people from their sign-in
 * (patients in identity, the others by the staff sign-in). A role never says what someone paid: nothing does.
 */
public enum Role {
    /** A signed-in patient: their own holds, appointments, care requests and offers. */
    PATIENT,
    /** Staff of one clinic: that clinic's allocation rules and figures, no other clinic's. */
    CLINIC_STAFF,
    /** An access-desk (GAP) nurse of one health region: orients and books for patients, sets priorities. */
    ACCESS_DESK,
    /** A ministry analyst: reads the observatory and the audit trail. */
    MINISTRY_ANALYST,
    /** A partner platform (client credentials): holds, books and cancels for a patient it names. */
    PARTNER,
    /** Runs the orchestrator: sources, quarantine, replay, actuator, audit. */
    OPERATOR;

    /** The Spring Security authority ({@code ROLE_PATIENT}, ...), the one identity grants a signed-in patient. */
    public String authority() {
        return "ROLE_" + name();
    }
}
