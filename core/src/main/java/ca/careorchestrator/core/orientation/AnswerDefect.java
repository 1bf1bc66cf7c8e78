package ca.careorchestrator.core.orientation;

/** Why answers could not be oriented; each becomes a problem of the catalogue at the edges. */
public enum AnswerDefect {
    MISSING_REASON,
    UNKNOWN_REASON,
    /** Free text matched several reasons equally well: the patient picks one of the candidates. */
    AMBIGUOUS_REASON,
    MISSING_AGE,
    AGE_OUT_OF_RANGE,
    MISSING_PREGNANCY,
    MISSING_CHRONIC,
    MISSING_REGISTRATION,
    /** E.g. pregnant at age 5, a child's check-up for an adult, pregnancy follow-up when not pregnant. */
    CONTRADICTORY_ANSWERS
}
