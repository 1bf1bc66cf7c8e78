package ca.careorchestrator.core.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Why an applicant could (or could not) take a slot: the decision, and each stage of the policy in order with
 * whether its audience takes them in (and why) and whether it is open. Codes and instants only: the edges word it.
 */
public record Explanation(Decision decision, List<StageVerdict> stages) {

    public Explanation {
        stages = List.copyOf(stages);
    }

    /** One stage as it applies to this applicant and slot. {@code opensAt} empty: open since publication. */
    public record StageVerdict(int number, ReleaseStage stage, Reason reason, Optional<Instant> opensAt, boolean open) {

        public boolean admitsApplicant() {
            return reason.admits();
        }
    }
}
