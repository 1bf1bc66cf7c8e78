package ca.careorchestrator.app.fairness;

import ca.careorchestrator.core.fairness.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where raised flags are kept: they are evidence, never updated or deleted. */
public interface FlagStore {

    void insert(StoredFlag flag);

    /** Newest first, raised in [from, to), of one signal or all, at most {@code limit}. */
    List<StoredFlag> raised(Instant from, Instant to, Optional<Signal> signal, int limit);
}
