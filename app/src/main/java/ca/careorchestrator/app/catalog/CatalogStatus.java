package ca.careorchestrator.app.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The search index: whether it answers, how many slots it holds, its heap, changes waiting, the last rebuild. */
public record CatalogStatus(boolean ready, boolean rebuilding, int slots, long bytes, int changesWaiting, Optional<Rebuild> lastRebuild) {

    public record Rebuild(Instant at, Duration took, int slots) {
    }
}
