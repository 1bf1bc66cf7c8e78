package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.SourceSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one source is doing, for the status page and API.
 *
 * @param recordsIn      records the connector delivered
 * @param applied        changes that moved a slot or listing
 * @param stale          records already applied (duplicates, out-of-order older versions)
 * @param quarantined    records put in quarantine by this process
 * @param openQuarantine open quarantine entries of this source (all time)
 */
public record SourceStatus(SourceSystem source, String address, Mode mode, Phase phase, Circuit circuit,
        Optional<Instant> lastSuccess, Optional<Instant> lastAttempt, Optional<String> lastError, Optional<Instant> nextAttempt,
        Optional<Instant> lastFullRead, int consecutiveFailures, long recordsIn, long applied, long stale, long quarantined,
        long openQuarantine, long initialSyncRecords) {

    public enum Mode {
        PULL, PUSH
    }

    public enum Phase {
        /** The first full read is under way ({@code initialSyncRecords} moves). */
        INITIAL_SYNC,
        UP,
        /** The last attempt failed; the runtime retries with back-off. */
        RETRYING,
        /** The circuit is open or the source said it cannot be read: someone must look. */
        DOWN
    }

    public enum Circuit {
        CLOSED, OPEN, HALF_OPEN
    }

    /** How old the freshest successful read or delivery is. */
    public Optional<Duration> lag(Instant now) {
        return lastSuccess.map(success -> Duration.between(success, now));
    }
}
