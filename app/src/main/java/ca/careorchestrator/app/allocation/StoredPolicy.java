package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.allocation.AllocationPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One saved version of a scope's policy: who saved it, when, and when a later version replaced it (if one did). */
public record StoredPolicy(UUID id, PolicyScope scope, int version, AllocationPolicy policy, Instant savedAt, String savedBy,
        Optional<Instant> replacedAt) {

    public boolean current() {
        return replacedAt.isEmpty();
    }
}
