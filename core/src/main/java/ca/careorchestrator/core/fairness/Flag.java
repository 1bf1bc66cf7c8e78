package ca.careorchestrator.core.fairness;

import ca.careorchestrator.core.booking.Actor;
import java.time.Duration;
import java.time.Instant;

/** A signal that crossed its threshold for one actor: what was seen, against what limit, over which window. */
public record Flag(Actor actor, Signal signal, long observed, long threshold, Duration window, Instant raisedAt) {

    public Flag {
        if (actor == null || signal == null || window == null || raisedAt == null) {
            throw new IllegalArgumentException("a flag names an actor, a signal, a window and when it was raised");
        }
    }
}
