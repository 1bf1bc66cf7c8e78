package ca.careorchestrator.app.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Counts events in the last {@code span} (one hour for quotas and velocity), exactly: the instants themselves are kept,
 * at most {@code limit} of them. Not thread-safe: callers lock it.
 */
final class SlidingWindow {

    private final ArrayDeque<Instant> events = new ArrayDeque<>();

    /** Records one more event at {@code now}, or says how long until one fits (the oldest leaves the window). */
    Optional<Duration> take(Instant now, int limit, Duration span) {
        forget(now, span);
        if (events.size() >= limit) {
            return Optional.of(limit == 0 ? span : Duration.between(now, events.peekFirst().plus(span)));
        }
        events.addLast(now);
        return Optional.empty();
    }

    /** Gives back the latest event (the hold it admitted was not made). */
    void giveBack(Instant at) {
        events.removeLastOccurrence(at);
    }

    boolean idle(Instant now, Duration span) {
        forget(now, span);
        return events.isEmpty();
    }

    private void forget(Instant now, Duration span) {
        Instant horizon = now.minus(span);
        while (!events.isEmpty() && !events.peekFirst().isAfter(horizon)) {
            events.removeFirst();
        }
    }
}
