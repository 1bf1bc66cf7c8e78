package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Holds and appointments as stored. Each method runs in the caller's transaction. */
public interface BookingStore {

    /** Hold states in which the hold still blocks its patient and its slot. */
    List<String> LIVE_STATES = List.of("LIVE", "BOOKING", "HANDED_OVER");

    record StoredHold(HoldId id, SlotId slot, UUID patientRef, String state, Instant createdAt, Instant expiresAt, BookingChannel channel) {

        public boolean live() {
            return LIVE_STATES.contains(state);
        }

        public HoldView view() {
            return new HoldView(id, slot, state, createdAt, expiresAt, channel);
        }
    }

    record StoredAppointment(AppointmentId id, SlotId slot, Optional<HoldId> hold, UUID patientRef, LocalDate birthDate, String state,
            SourceSystem source, String externalId, Optional<String> sourceReference, Instant requestedAt, Optional<Instant> settledAt,
            Optional<String> reason, int attempts, Optional<Instant> cancelRequestedAt, Optional<AppointmentId> replaces) {

        @Override
        public String toString() {
            return "StoredAppointment[" + id + ", " + state + "]";
        }

        public AppointmentView view() {
            return new AppointmentView(id, slot, state, source, sourceReference, requestedAt, settledAt, reason, cancelRequestedAt.isPresent());
        }
    }

    Optional<StoredHold> liveHoldOf(UUID patientRef);

    Optional<StoredHold> hold(HoldId id);

    /**
     * The hold, its row locked until the transaction ends. Lock order, everywhere: the slot row first, then
     * the hold, then the appointment (two transactions never wait on each other in a circle).
     */
    Optional<StoredHold> lockHold(HoldId id);

    /** Inserts a live hold; a second live hold of the same patient breaks a unique key (DuplicateKeyException). */
    void insertHold(StoredHold hold, Actor actor);

    /** Through whom the hold came; empty for holds stored before actors were kept. */
    Optional<Actor> actorOf(HoldId id);

    /** The patient's pending or confirmed appointments (for this service, or any) that start after {@code now}. */
    int liveFutureAppointments(UUID patientRef, Optional<ServiceTypeCode> service, Instant now);

    /** Which allocation stage admitted this hold (its appointment copies it when inserted). */
    void recordAdmission(HoldId id, HoldAdmission.AdmittedBy by);

    /** Which allocation stage admitted this appointment's hold; empty for appointments made before policies. */
    Optional<HoldAdmission.AdmittedBy> admissionOf(AppointmentId id);

    /** A live hold moves on (LIVE, BOOKING, HANDED_OVER). */
    void markHold(HoldId id, String state);

    /** The hold ends (BOOKED, RELEASED, EXPIRED, VOIDED): its patient may hold another slot. */
    void endHold(HoldId id, String state, Instant at);

    Optional<StoredAppointment> appointment(AppointmentId id);

    Optional<StoredAppointment> lockAppointment(AppointmentId id);

    Optional<StoredAppointment> appointmentOfHold(HoldId id);

    /** Inserts a pending appointment; a second live appointment on the same slot breaks a unique key. */
    void insertAppointment(StoredAppointment appointment, Instant nextAttempt, ServiceTypeCode service, Instant slotStart);

    void confirm(AppointmentId id, String sourceReference, Instant at);

    void reject(AppointmentId id, String reason, Instant at);

    /** No answer (yet): ask again at {@code next}. */
    void retryLater(AppointmentId id, Instant next, String reason);

    /** {@code by}: the kind of actor that asked (kept as who cancelled, for the observatory). */
    /** CONFIRMED -> NO_SHOW; false when it was not CONFIRMED. */
    boolean noShow(AppointmentId id, Instant at);

    void requestCancel(AppointmentId id, Instant at, Instant next, Actor.Kind by);

    void cancelRefused(AppointmentId id, String reason);

    void cancelled(AppointmentId id, Instant at);

    /** Pending bookings and requested cancellations whose next attempt is due. */
    List<StoredAppointment> dueForReconciliation(Instant now, int limit);

    List<StoredAppointment> appointmentsOf(UUID patientRef);
}
