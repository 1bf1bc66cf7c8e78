package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import java.time.Instant;
import java.util.UUID;

/** A slot was held for a patient through an actor (published after the commit; fairness watches it). */
public record HoldPlaced(HoldId hold, SlotId slot, UUID patient, Actor actor, Instant at) {
}
