package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.allocation.Explanation;
import ca.careorchestrator.core.allocation.SlotFacts;
import ca.careorchestrator.core.availability.SlotId;
import java.util.Optional;

/**
 * Why an applicant could (or could not) take a slot: the slot's facts, the policy that governs it ({@code policy}
 * empty: none was set, so any insured person from publication) and the explanation, stage by stage.
 */
public record SlotAdmission(SlotId slot, SlotFacts facts, Optional<StoredPolicy> policy, Explanation explanation) {
}
