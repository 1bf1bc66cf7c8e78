package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.util.Optional;

/**
 * A record that could not be used, as received. {@code replayable} when it was read but not mapped or
 * validated (a mapping fix can replay it); a record the connector could not read at all needs the source to
 * send it again.
 */
public record QuarantineEntry(long id, SourceSystem source, Optional<String> externalId, String reason, String rawPayload,
        boolean replayable, Instant receivedAt, Status status, Optional<Instant> resolvedAt, int attempts) {

    public enum Status {
        OPEN, REPLAYED, DISCARDED
    }
}
