package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import java.time.Instant;
import java.util.UUID;

/** A hold ended without a booking: let go by its patient or run out (published after the commit). */
public record HoldDropped(HoldId hold, SlotId slot, UUID patient, Actor actor, Instant at, SlotReleased.Cause cause) {
}
