package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The quarantine store. */
public interface Quarantine {

    /** A record to keep: {@code recordJson} is the translated record when there is one (replayable). */
    record Incoming(SourceSystem source, String externalId, String reason, String rawPayload, String recordJson) {
    }

    void add(List<Incoming> entries, Instant receivedAt);

    /** Newest first; {@code source} and {@code status} empty mean all. */
    List<QuarantineEntry> list(Optional<SourceSystem> source, Optional<QuarantineEntry.Status> status, int offset, int limit);

    long count(Optional<SourceSystem> source, Optional<QuarantineEntry.Status> status);

    Optional<QuarantineEntry> get(long id);

    /** The translated record kept for replay. */
    Optional<String> recordJson(long id);

    /** Open entries by source. */
    Map<SourceSystem, Long> openBySource();

    /** Marks an open entry resolved ({@code REPLAYED} or {@code DISCARDED}); false if it was not open. */
    boolean resolve(long id, QuarantineEntry.Status status, Instant at);

    /** A replay that failed again: the new reason, one more attempt. */
    void stillFailing(long id, String reason);

    /** Open, replayable entries of a source, oldest first. */
    List<Long> openReplayable(SourceSystem source, int limit);
}
