package ca.careorchestrator.app.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that follows real time from a start, plus whatever a test advanced it by (holds can run out at once). */
public final class TestClock extends Clock {

    private final Instant realStart = Instant.now();
    private final Instant start;
    private final AtomicReference<Duration> advanced = new AtomicReference<>(Duration.ZERO);

    public TestClock(Instant start) {
        this.start = start;
    }

    public void advance(Duration duration) {
        advanced.updateAndGet(d -> d.plus(duration));
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.between(realStart, Instant.now())).plus(advanced.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
