package ca.careorchestrator.connector.spi;

import java.util.List;

/**
 * Where a connector hands what it read. The runtime applies a batch before it returns: {@link Outcome.Ok}
 * means applied (unreadable records of it quarantined), {@link Outcome.Rejected} means nothing of it was
 * applied (a push connector answers NACK), {@link Outcome.RetryAfter} means the store is busy.
 */
@FunctionalInterface
public interface RecordSink {

    Outcome deliver(List<SourceRecord> batch);
}
