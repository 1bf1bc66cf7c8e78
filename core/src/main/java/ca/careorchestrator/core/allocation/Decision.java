package ca.careorchestrator.core.allocation;

import java.time.Instant;

/** Whether an applicant may see and take a slot now. Stage numbers are 1-based positions in the policy. */
public sealed interface Decision {

    /** An open stage admits them: the first such stage, the one a hold and its appointment record. */
    record Admitted(int stage, ReleaseStage admittedBy) implements Decision {
    }

    /** A stage admits them but is not open yet: the first such stage and when it opens. */
    record NotYet(int stage, ReleaseStage admitsThem, Instant opensAt) implements Decision {
    }

    /** No stage of the policy admits them. */
    record NotAdmitted() implements Decision {
    }

    default boolean admitted() {
        return this instanceof Admitted;
    }
}
