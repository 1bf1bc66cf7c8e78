package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.PushConnector;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.WebhookConnector;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source: its push listener if it has one, and its pulls on a schedule (every start begins with a
 * full read; then incremental pulls, and a full read every {@code fullReadInterval}; a push source is only
 * pulled for its full reads). A failure waits
 * max(the source's Retry-After, exponential back-off with jitter), capped; {@code circuitThreshold} failures
 * in a row open the circuit for {@code circuitOpenFor}, then one trial (half-open) decides.
 */
final class SourceWorker {

    private static final Logger log = LoggerFactory.getLogger(SourceWorker.class);

    private final SourceSystem source;
    private final String address;
    private final Connector connector;
    private final SourceSink sink;
    private final Checkpoints checkpoints;
    private final Availability availability;
    private final IngestionProperties properties;
    private final Clock clock;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean stopped;
    private volatile Thread thread;

    private volatile SourceStatus.Phase phase = SourceStatus.Phase.INITIAL_SYNC;
    private volatile SourceStatus.Circuit circuit = SourceStatus.Circuit.CLOSED;
    private volatile Instant lastSuccess;
    private volatile Instant lastAttempt;
    private volatile Instant lastFullRead;
    private volatile Instant nextAttempt;
    private volatile String lastError;
    private volatile int failures;
    private volatile boolean fullReadRequested = true;

    SourceWorker(SourceSystem source, String address, Connector connector, SourceSink sink, Checkpoints checkpoints, Availability availability,
            IngestionProperties properties, Clock clock) {
        this.source = source;
        this.address = address;
        this.connector = connector;
        this.sink = sink;
        this.checkpoints = checkpoints;
        this.availability = availability;
        this.properties = properties;
        this.clock = clock;
    }

    SourceSystem source() {
        return source;
    }

    void start() {
        if (connector instanceof PushConnector push) {
            push.listen(sink);
            if (!(connector instanceof PullConnector)) {
                phase = SourceStatus.Phase.UP;
            }
        }
        if (connector instanceof PullConnector) {
            thread = Thread.ofVirtual().name("source-" + source.name().toLowerCase(java.util.Locale.ROOT)).start(this::loop);
        }
    }

    /** Whether this source's connector takes HTTP notifications. */
    boolean takesNotifications() {
        return connector instanceof WebhookConnector;
    }

    /** A notification the source posted to us: translated by the connector, applied like a pulled batch. */
    Outcome notification(String contentType, byte[] body) {
        List<SourceRecord> records = ((WebhookConnector) connector).translateNotification(contentType, body);
        Outcome outcome = sink.applyNow(records, 0);
        if (outcome instanceof Outcome.Ok && !records.isEmpty()
                && records.stream().allMatch(r -> r instanceof SourceRecord.Unreadable)) {
            SourceRecord.Unreadable first = (SourceRecord.Unreadable) records.getFirst();
            return new Outcome.Rejected(first.externalId(), first.reason(), first.raw());
        }
        return outcome;
    }

    Connector connector() {
        return connector;
    }

    /** Read now (an operator's "sync now"); {@code full} asks for a full read. */
    void syncNow(boolean full) {
        fullReadRequested |= full;
        wake.release();
    }

    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        try {
            connector.close();
        } catch (Exception e) {
            log.warn("{}: closing the connector failed: {}", source, e.getMessage());
        }
    }

    private void loop() {
        PullConnector pull = (PullConnector) connector;
        while (!stopped) {
            Duration wait;
            try {
                wait = pullOnce(pull);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A connector must not throw; if one does, it is a failure like any other, logged with its trace.
                log.error("{}: the connector threw", source, e);
                wait = failed("connector error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), Duration.ZERO, false);
            }
            nextAttempt = clock.instant().plus(wait);
            try {
                if (wake.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Duration pullOnce(PullConnector pull) throws InterruptedException {
        Instant now = clock.instant();
        boolean full = fullReadRequested || lastFullRead == null
                || !now.isBefore(lastFullRead.plus(properties.fullReadInterval()));
        if (!full && connector instanceof PushConnector) {
            // A push source sends its changes itself; it is only read (whole) when a full read is due.
            return Duration.between(now, lastFullRead.plus(properties.fullReadInterval()));
        }
        lastAttempt = now;
        if (circuit == SourceStatus.Circuit.OPEN) {
            circuit = SourceStatus.Circuit.HALF_OPEN;
        }
        Checkpoint from = full ? Checkpoint.NONE : checkpoints.checkpoint(source).map(Checkpoint::new).orElse(Checkpoint.NONE);
        long generation = checkpoints.nextReadGeneration(source, now);
        sink.readGeneration(generation);
        Outcome pulled = pull.pull(from, sink.pulling());
        Outcome applied = sink.drain();
        Outcome outcome = pulled instanceof Outcome.Ok && !(applied instanceof Outcome.Ok) ? applied : pulled;
        return switch (outcome) {
            case Outcome.Ok ok -> {
                checkpoints.save(source, ok.next().value(), clock.instant());
                if (ok.coverage() == Outcome.Coverage.FULL) {
                    int gone = availability.withdrawUnseen(source, generation, now);
                    if (gone > 0) {
                        log.info("{}: {} listings no longer published (noticed by a full read)", source, gone);
                    }
                    lastFullRead = now;
                    fullReadRequested = false;
                }
                lastSuccess = clock.instant();
                lastError = null;
                failures = 0;
                circuit = SourceStatus.Circuit.CLOSED;
                phase = SourceStatus.Phase.UP;
                yield properties.pollInterval();
            }
            case Outcome.RetryAfter retry -> failed(retry.reason(), retry.delay(), false);
            case Outcome.Rejected rejected -> failed("rejected: " + rejected.reason(), Duration.ZERO, false);
            case Outcome.PermanentFailure permanent -> failed(permanent.reason(), Duration.ZERO, true);
        };
    }

    private Duration failed(String reason, Duration sourceDelay, boolean permanent) {
        failures++;
        lastError = reason;
        log.warn("{}: {} (failure {} in a row)", source, reason, failures);
        if (permanent || failures >= properties.circuitThreshold() || circuit == SourceStatus.Circuit.HALF_OPEN) {
            circuit = SourceStatus.Circuit.OPEN;
            phase = SourceStatus.Phase.DOWN;
            return properties.circuitOpenFor();
        }
        phase = phase == SourceStatus.Phase.INITIAL_SYNC && lastSuccess == null ? SourceStatus.Phase.INITIAL_SYNC : SourceStatus.Phase.RETRYING;
        return backoff(failures, sourceDelay);
    }

    private Duration backoff(int failure, Duration sourceDelay) {
        return backoff(failure, sourceDelay, properties.maxBackoff(), ThreadLocalRandom.current().nextDouble());
    }

    /**
     * 1 s, 2 s, 4 s, ... plus up to half again as jitter ({@code jitter} in [0, 1)), at least what the source
     * asked (Retry-After), at most {@code max}.
     */
    static Duration backoff(int failure, Duration sourceDelay, Duration max, double jitter) {
        long base = 1000L << Math.min(Math.max(failure, 1) - 1, 20);
        long jittered = base + (long) (jitter * (base / 2));
        long millis = Math.max(sourceDelay.toMillis(), jittered);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    SourceStatus status(long openQuarantine) {
        boolean push = connector instanceof PushConnector;
        Instant lastDelivery = sink.lastDeliveryMillis.get() == 0 ? null : Instant.ofEpochMilli(sink.lastDeliveryMillis.get());
        Instant success = lastSuccess;
        if (push && lastDelivery != null && (success == null || lastDelivery.isAfter(success))) {
            success = lastDelivery;
        }
        return new SourceStatus(source, connector instanceof PushConnector p ? p.address() : address, push ? SourceStatus.Mode.PUSH
                : SourceStatus.Mode.PULL, phase, circuit, Optional.ofNullable(success), Optional.ofNullable(lastAttempt),
                Optional.ofNullable(lastError), Optional.ofNullable(nextAttempt), Optional.ofNullable(lastFullRead), failures,
                sink.recordsIn.get(), sink.applied.get(), sink.stale.get(), sink.quarantined.get(), openQuarantine,
                phase == SourceStatus.Phase.INITIAL_SYNC ? sink.recordsIn.get() : 0);
    }
}
