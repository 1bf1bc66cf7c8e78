package ca.careorchestrator.core.allocation;

import java.util.OptionalInt;

/**
 * One thing wrong with a proposed policy. {@code stage} is 1-based (empty for the policy as a whole); {@code other}
 * the earlier stage it conflicts with, when there is one.
 */
public record PolicyDefect(Kind kind, OptionalInt stage, OptionalInt other) {

    public enum Kind {
        /** A policy has at least one stage. */
        NO_STAGES,
        /** More than {@link AllocationPolicy#MOST_STAGES} stages. */
        TOO_MANY_STAGES,
        /** This stage opens before the one before it. */
        UNORDERED,
        /** This stage's audience is within an earlier stage's, which opens no later: it admits nobody new. */
        OVERLAPPING,
        /** The lead time is negative or longer than 90 days. */
        LEAD_OUT_OF_RANGE,
        /** The age band is not a range within 0..130 years. */
        BAD_AGE_BAND
    }

    static PolicyDefect ofPolicy(Kind kind) {
        return new PolicyDefect(kind, OptionalInt.empty(), OptionalInt.empty());
    }

    static PolicyDefect ofStage(Kind kind, int stage) {
        return new PolicyDefect(kind, OptionalInt.of(stage), OptionalInt.empty());
    }

    static PolicyDefect between(Kind kind, int stage, int other) {
        return new PolicyDefect(kind, OptionalInt.of(stage), OptionalInt.of(other));
    }
}
