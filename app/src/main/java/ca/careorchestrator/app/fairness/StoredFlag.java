package ca.careorchestrator.app.fairness;

import ca.careorchestrator.core.fairness.Flag;
import java.util.UUID;

/** A flag as kept in the audit view. */
public record StoredFlag(UUID id, Flag flag) {
}
