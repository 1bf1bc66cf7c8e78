package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;
import java.time.Instant;

/**
 * A slot free again after a cancellation or an expired hold, published after the commit (the waitlist of
 * issue #5 offers it to the best matching request first).
 */
public record SlotReleased(SlotId slot, Instant at, Cause cause) {

    public enum Cause {
        CANCELLED, HOLD_EXPIRED, HOLD_RELEASED
    }
}
