package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.care.ClinicId;
import java.util.List;

/** Policies as stored. Versions are never changed nor deleted; each method runs in the caller's transaction. */
public interface PolicyStore {

    /** Every current policy (one per scope that has one). */
    List<StoredPolicy> current();

    List<StoredPolicy> currentOf(ClinicId clinic);

    /** Every version of this scope's policy, newest first. */
    List<StoredPolicy> history(PolicyScope scope);

    /** The scope's current version, if any, is marked replaced at {@code next.savedAt()}; {@code next} becomes current. */
    void replace(StoredPolicy next);

    /** The next version number of this scope (1 for a scope never given a policy). */
    int nextVersion(PolicyScope scope);

    /** How many versions exist, in every scope. */
    long count();
}
