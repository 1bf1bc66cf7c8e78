package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.AppointmentId;
import java.time.Instant;

/** The clinic recorded that the patient did not come ({@code start}: the appointment's time; published after the commit). */
public record AppointmentMissed(AppointmentId appointment, SlotId slot, Instant start, Instant at) {
}
