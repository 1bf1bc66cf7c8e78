package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.booking.AppointmentId;
import java.time.Instant;
import java.util.UUID;

/** The source confirmed a booking the orchestrator made (published after the commit). */
public record AppointmentBooked(AppointmentId appointment, SlotId slot, UUID patient, Actor actor, Instant at) {
}
