package ca.careorchestrator.app.security;

import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Times are {@link System#nanoTime()}
 * readings passed in (a rate is measured on the process's monotonic clock, not on the simulated one).
 */
final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, int burst, long now) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit refills (> 0 per second) and holds at least one request");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes one token, or says how long until one is there. */
    synchronized Optional<Duration> take(long now) {
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
    }
}
