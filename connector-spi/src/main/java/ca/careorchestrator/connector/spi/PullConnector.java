package ca.careorchestrator.connector.spi;

/** A source the runtime reads on a schedule. */
public interface PullConnector extends Connector {

    /**
     * Reads what changed since {@code from} ({@link Checkpoint#NONE}: everything) and delivers it in
     * batches. Never throws for source trouble: a 5xx, 429, reset or timeout is {@link Outcome.RetryAfter}.
     * If a batch is not {@link Outcome.Ok}, stops and returns that outcome (the checkpoint does not move).
     */
    Outcome pull(Checkpoint from, RecordSink sink) throws InterruptedException;
}
