package ca.careorchestrator.core.patient;

/** Why a string is not an acceptable health-insurance number (NAM). */
public enum NamDefect {
    /** Not four letters followed by eight digits. */
    BAD_FORMAT,
    /** The embedded birth date does not exist or lies in the future. */
    IMPOSSIBLE_DATE,
    /** The last digit does not match the rest. */
    BAD_CHECK_DIGIT,
    /** The NAM is well formed but encodes another birth date or sex than the one given. */
    IDENTITY_MISMATCH
}
