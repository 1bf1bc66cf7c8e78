package ca.careorchestrator.connector.spi;

import java.time.Duration;

/** The closed set of answers for one unit of work (a pull, a delivered batch, a booking call). */
public sealed interface Outcome {

    /**
     * Done. {@code next} is where the following pull starts; {@code coverage} says whether everything the
     * source holds was read (so what was not seen is gone) or only what changed.
     */
    record Ok(long recordsRead, Checkpoint next, Coverage coverage) implements Outcome {
        public Ok {
            if (recordsRead < 0 || next == null || coverage == null) {
                throw new IllegalArgumentException("an Ok names how many records, the next checkpoint and the coverage");
            }
        }

        public static Ok delivered(long records) {
            return new Ok(records, Checkpoint.NONE, Coverage.CHANGES);
        }
    }

    /** Try again after at least this long (HTTP 429/503 Retry-After, 5xx, lost connection, busy store). */
    record RetryAfter(Duration delay, String reason) implements Outcome {
        public RetryAfter {
            if (delay == null || delay.isNegative() || reason == null) {
                throw new IllegalArgumentException("a retry names a non-negative delay and a reason");
            }
        }
    }

    /** The unit of work could not be used; nothing of it was applied; it went to quarantine. */
    record Rejected(String externalId, String reason, String rawPayload) implements Outcome {
        public Rejected {
            if (reason == null || rawPayload == null) {
                throw new IllegalArgumentException("a rejection names its reason and keeps the raw payload");
            }
        }
    }

    /** The source cannot be read until someone fixes something (bad credentials, unknown endpoint, 404). */
    record PermanentFailure(String reason) implements Outcome {
    }

    /** How much of the source a successful pull read. */
    enum Coverage {
        /** Everything the source publishes: a slot not seen in this pull no longer exists there. */
        FULL,
        /** Only what changed since the checkpoint. */
        CHANGES
    }
}
