package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.app.availability.ApplyResult;
import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.care.SourceSystem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One source's way into the store: normalizes a delivered batch, applies what maps, quarantines the rest,
 * in that order, before answering. For a push source a batch is one message and is all or nothing: if any
 * record of it cannot be used, nothing is applied and the answer is {@link Outcome.Rejected} (the connector
 * NACKs). For a pull ({@link #pulling}) the usable records are applied and the rest quarantined, a few batches at
 * once on their own threads while the connector reads on; the worker {@link #drain}s before it moves the
 * checkpoint.
 */
final class SourceSink implements RecordSink {

    private static final Logger log = LoggerFactory.getLogger(SourceSink.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final SourceSystem source;
    private final Normalizer normalizer;
    private final Availability availability;
    private final Quarantine quarantine;
    private final Clock clock;
    private final Timer applyTimer;
    /** Batches of a pull applied at once while the next is read: enough to overlap, few enough to bound memory. */
    private static final int IN_FLIGHT = 3;

    private volatile long readGeneration;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    private final java.util.concurrent.atomic.AtomicReference<Outcome> asyncFailure = new java.util.concurrent.atomic.AtomicReference<>();
    private final Object drained = new Object();
    private int pending;
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final AtomicLong lastDeliveryMillis = new AtomicLong();

    SourceSink(SourceSystem source, Normalizer normalizer, Availability availability, Quarantine quarantine,
            Clock clock, MeterRegistry meters) {
        this.source = source;
        this.normalizer = normalizer;
        this.availability = availability;
        this.quarantine = quarantine;
        this.clock = clock;
        this.applyTimer = Timer.builder("care.ingestion.apply").tag("source", source.name())
                .description("Normalizing and applying one delivered batch").publishPercentiles(0.5, 0.99).register(meters);
        meters.more().counter("care.ingestion.records", List.of(Tag.of("source", source.name())), recordsIn);
        meters.more().counter("care.ingestion.quarantined", List.of(Tag.of("source", source.name())), quarantined);
    }

    /** The number of the read under way (see {@link Availability#apply}). */
    void readGeneration(long generation) {
        this.readGeneration = generation;
    }

    @Override
    public Outcome deliver(List<SourceRecord> batch) {
        // A pushed message: all or nothing, applied before the connector answers.
        long generation = readGeneration;
        return applyTimer.record(() -> deliverTimed(batch, generation, true));
    }

    /** The way in for pulls, push sources' full reads included: usable records applied, a few batches at once. */
    RecordSink pulling() {
        return batch -> deliverAsync(batch, readGeneration);
    }

    private Outcome deliverAsync(List<SourceRecord> batch, long generation) {
        // A pull: the batch is applied on another thread while the connector reads the next page.
        // Order does not matter (apply is idempotent and converges whatever the order); the worker drains
        // before it moves the checkpoint, and the first failure stops the pull.
        Outcome failed = asyncFailure.get();
        if (failed != null) {
            return failed;
        }
        inFlight.acquireUninterruptibly();
        synchronized (drained) {
            pending++;
        }
        Thread.ofVirtual().name("apply-" + source.name().toLowerCase(java.util.Locale.ROOT)).start(() -> {
            try {
                Outcome outcome = applyTimer.record(() -> deliverTimed(batch, generation, false));
                if (!(outcome instanceof Outcome.Ok)) {
                    asyncFailure.compareAndSet(null, outcome);
                }
            } catch (RuntimeException e) {
                log.error("{}: applying a batch failed", source, e);
                asyncFailure.compareAndSet(null, new Outcome.RetryAfter(Duration.ofSeconds(1), "apply failed: " + e.getClass().getSimpleName()));
            } finally {
                inFlight.release();
                synchronized (drained) {
                    pending--;
                    drained.notifyAll();
                }
            }
        });
        return Outcome.Ok.delivered(batch.size());
    }

    /** Normalizes and applies a notification's records before returning; what cannot be used is quarantined. */
    Outcome applyNow(List<SourceRecord> batch, long generation) {
        return applyTimer.record(() -> deliverTimed(batch, generation, false));
    }

    /** Waits until every batch handed over is applied; the first failure among them (then forgotten), or Ok. */
    Outcome drain() throws InterruptedException {
        synchronized (drained) {
            while (pending > 0) {
                drained.wait();
            }
        }
        Outcome failed = asyncFailure.getAndSet(null);
        return failed == null ? Outcome.Ok.delivered(0) : failed;
    }

    private Outcome deliverTimed(List<SourceRecord> batch, long generation, boolean atomic) {
        List<SlotChange> changes = new ArrayList<>(batch.size());
        List<Quarantine.Incoming> rejects = new ArrayList<>();
        for (SourceRecord record : batch) {
            switch (normalizer.normalize(source, record)) {
                case Normalizer.Normalized.Change change -> changes.add(change.change());
                case Normalizer.Normalized.Nothing nothing -> {
                }
                case Normalizer.Normalized.Quarantine q -> rejects.add(new Quarantine.Incoming(source, q.externalId(), q.reason(),
                        record.raw(), record instanceof SourceRecord.SlotSeen ? JSON.writeValueAsString(record) : null));
            }
        }
        try {
            if (atomic && !rejects.isEmpty()) {
                quarantine.add(rejects, clock.instant());
                count(batch.size(), ApplyResult.NONE, rejects.size());
                Quarantine.Incoming first = rejects.getFirst();
                return new Outcome.Rejected(first.externalId(), first.reason(), first.rawPayload());
            }
            ApplyResult result = availability.apply(source, changes, generation);
            if (!rejects.isEmpty()) {
                quarantine.add(rejects, clock.instant());
            }
            count(batch.size(), result, rejects.size());
            return Outcome.Ok.delivered(batch.size());
        } catch (DataAccessException e) {
            // The store is busy or down: nothing of this batch was kept; the source sends it again.
            log.warn("{}: applying a batch of {} failed: {}", source, batch.size(), e.getMessage());
            return new Outcome.RetryAfter(Duration.ofSeconds(1), "store unavailable: " + e.getClass().getSimpleName());
        }
    }

    private void count(int records, ApplyResult result, int rejected) {
        recordsIn.addAndGet(records);
        applied.addAndGet(result.applied());
        stale.addAndGet(result.stale());
        quarantined.addAndGet(rejected);
        lastDeliveryMillis.set(clock.millis());
    }
}
