package ca.careorchestrator.app.catalog;

import java.time.Instant;
import java.util.Optional;

/** A clinic's free slots from some instant on (any service): how many, and when the n-th asked for starts. */
public record FreeAhead(int count, Optional<Instant> nth) {
}
