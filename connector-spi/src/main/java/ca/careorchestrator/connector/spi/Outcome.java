package ca.careorchestrator.connector.spi;

import java.time.Duration;

/** The closed set of answers a connector gives the runtime for one unit of work. */
public sealed interface Outcome {

    /** Done; the runtime may move the checkpoint. */
    record Ok(long recordsRead) implements Outcome {
    }

    /** Try again after at least this long (HTTP 429/503 Retry-After, MLLP busy, lost connection). */
    record RetryAfter(Duration delay, String reason) implements Outcome {
    }

    /** One record could not be translated; it goes to quarantine with its raw payload, the rest is applied. */
    record Rejected(String externalId, String reason, String rawPayload) implements Outcome {
    }

    /** The source cannot be read until someone fixes something (bad credentials, unknown endpoint). */
    record PermanentFailure(String reason) implements Outcome {
    }
}
