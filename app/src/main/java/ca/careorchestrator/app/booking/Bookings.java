package ca.careorchestrator.app.booking;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.booking.BookingStore.StoredAppointment;
import ca.careorchestrator.app.booking.BookingStore.StoredHold;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.BookingPatient;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.patient.PatientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The booking saga. Hold: the slot row goes FREE → HELD in one transaction (row lock, then the transition
 * {@link SlotState} allows), with a unique key keeping one live hold per patient. Confirm: a pending appointment
 * is stored (a unique key keeps one live appointment per slot, whatever the channel), then the source is asked
 * with the appointment id as idempotency key, outside any transaction, and its answer settles the appointment
 * and the slot. No answer leaves it pending; {@link #reconcile} asks again with the same key until the source
 * says. Nothing here guesses.
 */
@Service
public class Bookings {

    private static final Logger log = LoggerFactory.getLogger(Bookings.class);

    private final Availability availability;
    private final BookingStore store;
    private final Sources sources;
    private final Directory directory;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final BookingProperties properties;
    private final Clock clock;
    private final PatientRecords records;
    private final HoldAdmission admission;
    /** Resolved at the first hold: the waitlist's matcher holds through this class, so it cannot be built before it. */
    private final org.springframework.beans.factory.ObjectProvider<FirstLook> firstLookProvider;
    private volatile FirstLook firstLook;

    Bookings(Availability availability, BookingStore store, Sources sources, Directory directory, TransactionTemplate transaction,
            ApplicationEventPublisher events, BookingProperties properties, Clock clock,
            org.springframework.beans.factory.ObjectProvider<HoldAdmission> admission, PatientRecords records,
            org.springframework.beans.factory.ObjectProvider<FirstLook> firstLook) {
        this.records = records;
        this.availability = availability;
        this.store = store;
        this.sources = sources;
        this.directory = directory;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.admission = admission.getIfAvailable(() -> HoldAdmission.EVERYONE);
        this.firstLookProvider = firstLook;
    }

    // ---- hold ---------------------------------------------------------------------------------------------

    /** The patient holds the slot for themself. */
    public HoldOutcome hold(SlotId slotId, PatientIdentity patient) {
        return hold(slotId, patient, Actor.patient(patient.ref()));
    }

    /** Holds the slot for the patient through {@code actor} (a partner platform, the access desk). */
    public HoldOutcome hold(SlotId slotId, PatientIdentity patient, Actor actor) {
        return hold(slotId, patient, actor, properties.holdTtl());
    }

    /**
     * A hold that lasts {@code ttl} instead of {@code care.booking.hold-ttl}: the waitlist holds a slot on a patient's
     * behalf for as long as its offer runs (they answer an e-mail or a text, not a page they are looking at).
     */
    public HoldOutcome hold(SlotId slotId, PatientIdentity patient, Actor actor, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a hold lasts some time");
        }
        try {
            return transaction.execute(status -> holdInTransaction(slotId, patient, actor, clock.instant(), ttl));
        } catch (DuplicateKeyException e) {
            // Two holds of the same patient raced: the other one won the unique key.
            return store.liveHoldOf(patient.ref()).<HoldOutcome>map(existing -> new HoldOutcome.AlreadyHolding(existing.view()))
                    .orElse(new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.HELD));
        }
    }

    private FirstLook firstLook() {
        FirstLook look = firstLook;
        if (look == null) {
            look = firstLookProvider.getIfAvailable(() -> FirstLook.NOBODY);
            firstLook = look;
        }
        return look;
    }

    private HoldOutcome holdInTransaction(SlotId slotId, PatientIdentity patient, Actor actor, Instant now, Duration ttl) {
        Optional<StoredHold> existing = store.liveHoldOf(patient.ref());
        if (existing.isPresent()) {
            StoredHold hold = existing.get();
            if (!hold.state().equals("BOOKING") && !now.isBefore(hold.expiresAt())) {
                store.endHold(hold.id(), "EXPIRED", now); // ran out: it no longer counts (the slot is released by the expiry job)
            } else if (!hold.state().equals("BOOKING") && !stillHolds(hold)) {
                // The source took or withdrew that slot meanwhile (a handed-over patient booked it there): the hold is over.
                store.endHold(hold.id(), "VOIDED", now);
            } else {
                return new HoldOutcome.AlreadyHolding(hold.view());
            }
        }
        // Freed moments ago and not yet looked at by the waitlist: kept for the patients waiting for it (the matcher's own
        // hold, a system actor, is the one let through). Issue #5: a bot polling the search otherwise wins the race.
        if (!actor.isSystem() && firstLook().pending(slotId)) {
            return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.HELD);
        }
        // A look first, without a lock: a slot taken or held by someone else is refused at the cost of one read
        // (locking a row writes to it, and in a rush most asks are for slots already gone).
        Optional<HoldOutcome> refused = availability.state(slotId).flatMap(seen -> refusal(slotId, seen, now));
        if (refused.isPresent()) {
            return refused.get();
        }
        // The allocation policy, before any lock (it only reads): a patient it does not admit now never locks the row.
        HoldAdmission.Verdict verdict = admission.admit(slotId, patient, now);
        if (verdict instanceof HoldAdmission.Verdict.Refused notOpen) {
            return new HoldOutcome.NotOpenToYou(slotId, notOpen);
        }
        if (overAppointmentLimit(slotId, patient, now)) {
            return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.APPOINTMENT_LIMIT);
        }
        Optional<Availability.LockedSlot> locked = availability.lockState(slotId);
        if (locked.isEmpty()) {
            return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.UNKNOWN);
        }
        if (!locked.get().start().isAfter(now)) {
            return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.PAST);
        }
        SlotState.Free free;
        switch (locked.get().state()) {
            case SlotState.Free f -> free = f;
            case SlotState.Held held -> {
                if (!held.expiredAt(now) || !expire(held, now)) {
                    return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.HELD);
                }
                free = held.release();
            }
            case SlotState.Booked booked -> {
                return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.TAKEN);
            }
            case SlotState.Withdrawn withdrawn -> {
                return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.WITHDRAWN);
            }
        }
        Optional<StoredSlot.LiveListing> listing = StoredSlot.best(availability.liveListings(slotId));
        if (listing.isEmpty()) {
            return new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.WITHDRAWN);
        }
        HoldId id = new HoldId(UUID.randomUUID());
        SlotState.Held held = free.hold(id, now.plus(ttl));
        availability.store(slotId, held);
        StoredHold hold = new StoredHold(id, slotId, patient.ref(), "LIVE", now, held.expiresAt(), listing.get().channel());
        store.insertHold(hold, actor);
        store.recordAdmission(id, ((HoldAdmission.Verdict.Admitted) verdict).by());
        events.publishEvent(new HoldPlaced(id, slotId, patient.ref(), actor, now));
        return new HoldOutcome.Held(hold.view());
    }

    /** At most {@code care.booking.max-future-per-service} upcoming appointments per patient and service (fairness). */
    private boolean overAppointmentLimit(SlotId slotId, PatientIdentity patient, Instant now) {
        int limit = properties.maxFuturePerService();
        // Most patients hold fewer upcoming appointments than the limit in all: then the slot (a read) is not needed.
        if (store.liveFutureAppointments(patient.ref(), Optional.empty(), now) < limit) {
            return false;
        }
        return availability.slot(slotId)
                .map(stored -> store.liveFutureAppointments(patient.ref(), Optional.of(stored.slot().service()), now) >= limit)
                .orElse(false);
    }

    /** A refusal that needs no lock: the slot is taken, withdrawn, past, or held by a hold still running. */
    private static Optional<HoldOutcome> refusal(SlotId slotId, Availability.LockedSlot seen, Instant now) {
        if (!seen.start().isAfter(now)) {
            return Optional.of(new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.PAST));
        }
        return switch (seen.state()) {
            case SlotState.Free free -> Optional.empty();
            case SlotState.Held held -> held.expiredAt(now) ? Optional.empty()
                    : Optional.of(new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.HELD));
            case SlotState.Booked booked -> Optional.of(new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.TAKEN));
            case SlotState.Withdrawn withdrawn -> Optional.of(new HoldOutcome.Unavailable(slotId, HoldOutcome.Why.WITHDRAWN));
        };
    }

    private boolean stillHolds(StoredHold hold) {
        return availability.slot(hold.slot()).map(stored -> stored.slot().state() instanceof SlotState.Held held && held.hold().equals(hold.id()))
                .orElse(false);
    }

    /** Ends another patient's hold that ran out; false when it is being booked (its slot stays held). */
    private boolean expire(SlotState.Held held, Instant now) {
        Optional<StoredHold> previous = store.lockHold(held.hold());
        if (previous.isPresent() && previous.get().state().equals("BOOKING")) {
            return false;
        }
        previous.ifPresent(p -> {
            store.endHold(p.id(), "EXPIRED", now);
            dropped(p, now, SlotReleased.Cause.HOLD_EXPIRED);
        });
        return true;
    }

    /** The allocation stage that admitted this appointment (explainable allocation). */
    public Optional<HoldAdmission.AdmittedBy> admissionOf(AppointmentId appointment) {
        return store.admissionOf(appointment);
    }

    /** The patient lets the hold go; the slot is free again. */
    public boolean release(HoldId holdId, PatientIdentity patient) {
        Instant now = clock.instant();
        Boolean released = transaction.execute(status -> {
            Optional<StoredHold> seen = store.hold(holdId);
            seen.ifPresent(h -> availability.lockState(h.slot())); // slot first, then the hold (lock order)
            Optional<StoredHold> hold = store.lockHold(holdId).filter(h -> h.patientRef().equals(patient.ref()) && h.live());
            if (hold.isEmpty() || hold.get().state().equals("BOOKING")) {
                return false;
            }
            store.endHold(holdId, "RELEASED", now);
            dropped(hold.get(), now, SlotReleased.Cause.HOLD_RELEASED);
            freeIfStillHeld(hold.get().slot(), holdId, SlotReleased.Cause.HOLD_RELEASED, now);
            return true;
        });
        return Boolean.TRUE.equals(released);
    }

    private void dropped(StoredHold hold, Instant now, SlotReleased.Cause cause) {
        events.publishEvent(new HoldDropped(hold.id(), hold.slot(), hold.patientRef(), actorOf(hold), now, cause));
    }

    private Actor actorOf(StoredHold hold) {
        return store.actorOf(hold.id()).orElseGet(() -> Actor.patient(hold.patientRef()));
    }

    private void freeIfStillHeld(SlotId slotId, HoldId holdId, SlotReleased.Cause cause, Instant now) {
        availability.lockState(slotId).ifPresent(locked -> {
            if (locked.state() instanceof SlotState.Held held && held.hold().equals(holdId)) {
                availability.store(slotId, held.release());
                events.publishEvent(new SlotReleased(slotId, now, cause));
            }
        });
    }

    public Optional<HoldView> holdOf(HoldId holdId, PatientIdentity patient) {
        return store.hold(holdId).filter(h -> h.patientRef().equals(patient.ref())).map(StoredHold::view);
    }

    // ---- confirm ------------------------------------------------------------------------------------------

    /** Books the held slot on its source. Safe to call again: a hold already booked answers its appointment. */
    public BookOutcome confirm(HoldId holdId, PatientIdentity patient) {
        return confirm(holdId, patient, Optional.empty());
    }

    private record Started(StoredAppointment appointment, String serviceCode) {
    }

    private BookOutcome confirm(HoldId holdId, PatientIdentity patient, Optional<AppointmentId> replaces) {
        Instant now = clock.instant();
        Object first = transaction.execute(status -> startBooking(holdId, patient, replaces, now));
        if (first instanceof BookOutcome outcome) {
            return outcome;
        }
        Started started = (Started) first;
        BookingAnswer answer = book(started.appointment(), started.serviceCode());
        return settle(started.appointment().id(), answer);
    }

    private Object startBooking(HoldId holdId, PatientIdentity patient, Optional<AppointmentId> replaces, Instant now) {
        Optional<StoredHold> seen = store.hold(holdId).filter(h -> h.patientRef().equals(patient.ref()));
        if (seen.isEmpty()) {
            return new BookOutcome.HoldNotFound();
        }
        // Slot first, then the hold (lock order): the hold's slot never changes.
        StoredSlot stored = availability.lockForUpdate(seen.get().slot()).orElseThrow();
        Optional<StoredHold> found = store.lockHold(holdId);
        if (found.isEmpty()) {
            return new BookOutcome.HoldNotFound();
        }
        StoredHold hold = found.get();
        switch (hold.state()) {
            case "BOOKING", "BOOKED" -> {
                StoredAppointment appointment = store.appointmentOfHold(holdId).orElseThrow();
                return appointment.state().equals("CONFIRMED") ? new BookOutcome.Confirmed(appointment.view())
                        : appointment.state().equals("PENDING") ? new BookOutcome.Pending(appointment.view())
                        : new BookOutcome.SlotTaken(hold.slot(), appointment.reason().orElse(""));
            }
            case "EXPIRED" -> {
                return new BookOutcome.HoldExpired(hold.slot());
            }
            case "RELEASED" -> {
                return new BookOutcome.HoldNotFound();
            }
            case "VOIDED" -> {
                return new BookOutcome.SlotTaken(hold.slot(), "taken at the source");
            }
            default -> {
                // LIVE or HANDED_OVER: go on.
            }
        }
        if (!(stored.slot().state() instanceof SlotState.Held held) || !held.hold().equals(holdId)) {
            // The source took or withdrew it while we held it: its word wins.
            store.endHold(holdId, "VOIDED", now);
            return new BookOutcome.SlotTaken(hold.slot(), stored.slot().state() instanceof SlotState.Withdrawn
                    ? "withdrawn by the source" : "taken at the source");
        }
        if (held.expiredAt(now)) {
            store.endHold(holdId, "EXPIRED", now);
            dropped(hold, now, SlotReleased.Cause.HOLD_EXPIRED);
            availability.store(hold.slot(), held.release());
            events.publishEvent(new SlotReleased(hold.slot(), now, SlotReleased.Cause.HOLD_EXPIRED));
            return new BookOutcome.HoldExpired(hold.slot());
        }
        Optional<StoredSlot.LiveListing> best = stored.bestListing();
        if (best.isEmpty()) {
            store.endHold(holdId, "VOIDED", now);
            availability.store(hold.slot(), held.withdraw());
            return new BookOutcome.SlotTaken(hold.slot(), "withdrawn by the source");
        }
        StoredSlot.LiveListing listing = best.get();
        if (listing.channel() != BookingChannel.API) {
            // Booked on the source's own page or by phone: the hold keeps the slot for the patient until it runs
            // out, and ingestion reconciles it when the source reports the slot taken.
            store.markHold(holdId, "HANDED_OVER");
            Optional<String> phone = listing.bookingPhone().or(() -> directory.clinic(stored.slot().clinic()).map(c -> c.phone()));
            return new BookOutcome.HandedOver(hold.slot(), listing.listing().source(), listing.channel(), listing.deepLink(), phone);
        }
        if (sources.bookingConnector(listing.listing().source()).isEmpty()) {
            return new BookOutcome.SourceUnavailable(listing.listing().source());
        }
        StoredAppointment appointment = new StoredAppointment(new AppointmentId(UUID.randomUUID()), hold.slot(), Optional.of(holdId),
                patient.ref(), patient.birthDate(), "PENDING",
                listing.listing().source(), listing.listing().externalId(), Optional.empty(),
                now, Optional.empty(), Optional.empty(), 1, Optional.empty(), replaces);
        store.insertAppointment(appointment, now.plus(properties.firstRetry()), stored.slot().service(), stored.slot().start());
        store.markHold(holdId, "BOOKING");
        return new Started(appointment, stored.slot().service().value());
    }

    /**
     * Books at the source; a retry sends the same command (same idempotency key, the patient as the registry knows
     * them), and the source answers what it did, once.
     */
    private BookingAnswer book(StoredAppointment appointment, String serviceCode) {
        Optional<PatientIdentity> patient = records.identity(new PatientId(appointment.patientRef()));
        if (patient.isEmpty()) {
            return new BookingAnswer.Unknown("the patient is not in the registry of insured people");
        }
        PatientIdentity who = patient.get();
        BookingPatient sent = new BookingPatient(appointment.patientRef().toString(), who.familyName(), who.givenName(), who.birthDate(),
                who.nam().value());
        return askSource(appointment, connector -> connector.book(
                new BookingCommand(appointment.externalId(), appointment.id().toString(), sent, serviceCode)));
    }

    private interface SourceCall {
        BookingAnswer on(BookingConnector connector) throws InterruptedException;
    }

    /** One question to the appointment's source; not knowing its answer is {@code Unknown}, never a guess. */
    private BookingAnswer askSource(StoredAppointment appointment, SourceCall call) {
        Optional<BookingConnector> connector = sources.bookingConnector(appointment.source());
        if (connector.isEmpty()) {
            return new BookingAnswer.RetryAfter(properties.firstRetry(), appointment.source() + " is not connected");
        }
        try {
            return call.on(connector.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BookingAnswer.Unknown("interrupted while waiting for the source");
        } catch (RuntimeException e) {
            log.warn("Appointment {} on {}: the connector failed: {}", appointment.id(), appointment.source(), e.toString());
            return new BookingAnswer.Unknown("connector failure: " + e.getClass().getSimpleName());
        }
    }

    /** Applies the source's answer to a pending appointment (a settled one stays as it is). */
    private BookOutcome settle(AppointmentId id, BookingAnswer answer) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            SlotState state = availability.lockState(store.appointment(id).orElseThrow().slot()).orElseThrow().state(); // lock order
            StoredAppointment appointment = store.lockAppointment(id).orElseThrow();
            if (!appointment.state().equals("PENDING")) {
                return current(appointment);
            }
            return switch (answer) {
                case BookingAnswer.Booked booked -> {
                    store.confirm(id, booked.sourceAppointmentRef(), now);
                    appointment.hold().ifPresent(hold -> store.endHold(hold, "BOOKED", now));
                    events.publishEvent(new AppointmentBooked(id, appointment.slot(), appointment.patientRef(), actorOf(appointment), now));
                    // Held by us as expected; or already seen taken by ingestion (our own booking, read back first).
                    if (!(state instanceof SlotState.Booked b && b.by() == SlotState.BookedBy.ORCHESTRATOR)) {
                        availability.store(appointment.slot(), new SlotState.Booked(SlotState.BookedBy.ORCHESTRATOR));
                    }
                    yield new BookOutcome.Confirmed(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Refused refused -> {
                    store.reject(id, refused.reason(), now);
                    appointment.hold().ifPresent(hold -> store.endHold(hold, "VOIDED", now));
                    if (state instanceof SlotState.Held held) {
                        availability.store(appointment.slot(), held.takenAtSource());
                    }
                    yield new BookOutcome.SlotTaken(appointment.slot(), refused.reason());
                }
                case BookingAnswer.RetryAfter retry -> {
                    store.retryLater(id, now.plus(max(retry.delay(), properties.firstRetry())), retry.reason());
                    yield new BookOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Unknown unknown -> {
                    store.retryLater(id, now.plus(backoff(appointment.attempts())), unknown.reason());
                    yield new BookOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Cancelled cancelled -> {
                    store.retryLater(id, now.plus(backoff(appointment.attempts())), "the source answered a booking with a cancellation");
                    yield new BookOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
            };
        });
    }

    private Actor actorOf(StoredAppointment appointment) {
        return appointment.hold().flatMap(store::actorOf).orElseGet(() -> Actor.patient(appointment.patientRef()));
    }

    private static BookOutcome current(StoredAppointment appointment) {
        return switch (appointment.state()) {
            case "PENDING" -> new BookOutcome.Pending(appointment.view());
            case "REJECTED" -> new BookOutcome.SlotTaken(appointment.slot(), appointment.reason().orElse(""));
            default -> new BookOutcome.Confirmed(appointment.view());
        };
    }

    private Duration backoff(int attempts) {
        Duration next = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 16));
        return next.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : next;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    // ---- cancel and reschedule ----------------------------------------------------------------------------

    public CancelOutcome cancel(AppointmentId id, PatientIdentity patient) {
        return cancel(id, patient, Actor.patient(patient.ref()));
    }

    /** Cancels the patient's appointment on its source; {@code actor} is who asked (the patient, a partner, the desk...). */
    public CancelOutcome cancel(AppointmentId id, PatientIdentity patient, Actor actor) {
        Instant now = clock.instant();
        Object first = transaction.execute(status -> {
            Optional<StoredAppointment> found = store.lockAppointment(id).filter(a -> a.patientRef().equals(patient.ref()));
            if (found.isEmpty()) {
                return new CancelOutcome.NotFound();
            }
            StoredAppointment appointment = found.get();
            if (!appointment.state().equals("CONFIRMED")) {
                return new CancelOutcome.NotCancellable(appointment.view());
            }
            if (appointment.cancelRequestedAt().isPresent()) {
                return new CancelOutcome.Pending(appointment.view());
            }
            store.requestCancel(id, now, now.plus(properties.firstRetry()), actor.kind());
            return appointment;
        });
        if (first instanceof CancelOutcome outcome) {
            return outcome;
        }
        StoredAppointment appointment = (StoredAppointment) first;
        return settleCancel(id, askCancel(appointment));
    }

    /**
     * The clinic records that the patient did not come: a confirmed appointment of this clinic whose time has come
     * becomes NO_SHOW (the slot stays used). Counted by the observatory on the appointment's day.
     */
    public NoShowOutcome recordNoShow(AppointmentId id, ClinicId clinic) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            Optional<StoredAppointment> found = store.lockAppointment(id);
            Optional<Slot> slot = found.flatMap(a -> availability.slot(a.slot())).map(StoredSlot::slot)
                    .filter(s -> s.clinic().equals(clinic));
            if (slot.isEmpty()) {
                return new NoShowOutcome.NotFound();
            }
            StoredAppointment appointment = found.get();
            if (slot.get().start().isAfter(now)) {
                return new NoShowOutcome.NotStarted(appointment.view());
            }
            if (!store.noShow(id, now)) {
                return new NoShowOutcome.NotConfirmed(appointment.view());
            }
            events.publishEvent(new AppointmentMissed(id, appointment.slot(), slot.get().start(), now));
            return new NoShowOutcome.Recorded(store.appointment(id).orElseThrow().view());
        });
    }

    /** A rescheduled appointment's old one, once the new one is confirmed: cancelled at its source like a patient's cancel. */
    private void cancelReplaced(AppointmentId old) {
        Instant now = clock.instant();
        Optional<StoredAppointment> requested = transaction.execute(status -> {
            availability.lockState(store.appointment(old).orElseThrow().slot()); // lock order
            return store.lockAppointment(old).filter(a -> a.state().equals("CONFIRMED") && a.cancelRequestedAt().isEmpty())
                    .map(a -> {
                        store.requestCancel(old, now, now.plus(properties.firstRetry()), Actor.Kind.PATIENT);
                        return a;
                    });
        });
        if (requested != null) {
            requested.ifPresent(appointment -> settleCancel(old, askCancel(appointment)));
        }
    }

    private BookingAnswer askCancel(StoredAppointment appointment) {
        return askSource(appointment, connector -> connector.cancel(new CancelCommand(appointment.externalId(),
                appointment.sourceReference().orElseThrow(), "cancel-" + appointment.id(), "cancelled by the patient")));
    }

    private CancelOutcome settleCancel(AppointmentId id, BookingAnswer answer) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            Optional<Availability.LockedSlot> slot = availability.lockState(store.appointment(id).orElseThrow().slot()); // lock order
            StoredAppointment appointment = store.lockAppointment(id).orElseThrow();
            if (!appointment.state().equals("CONFIRMED") || appointment.cancelRequestedAt().isEmpty()) {
                return appointment.state().equals("CANCELLED") ? new CancelOutcome.Cancelled(appointment.view())
                        : new CancelOutcome.NotCancellable(appointment.view());
            }
            return switch (answer) {
                case BookingAnswer.Cancelled cancelled -> {
                    store.cancelled(id, now);
                    events.publishEvent(new AppointmentCancelled(id, appointment.slot(), appointment.patientRef(), actorOf(appointment),
                            appointment.settledAt().orElse(appointment.requestedAt()), now));
                    slot.ifPresent(locked -> {
                        if (locked.state() instanceof SlotState.Booked booked) {
                            availability.store(appointment.slot(), booked.cancel());
                            events.publishEvent(new SlotReleased(appointment.slot(), now, SlotReleased.Cause.CANCELLED));
                        }
                    });
                    yield new CancelOutcome.Cancelled(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Refused refused -> {
                    store.cancelRefused(id, refused.reason());
                    yield new CancelOutcome.Refused(store.appointment(id).orElseThrow().view(), refused.reason());
                }
                case BookingAnswer.RetryAfter retry -> {
                    store.retryLater(id, now.plus(max(retry.delay(), properties.firstRetry())), retry.reason());
                    yield new CancelOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Unknown unknown -> {
                    store.retryLater(id, now.plus(backoff(appointment.attempts())), unknown.reason());
                    yield new CancelOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
                case BookingAnswer.Booked booked -> {
                    store.retryLater(id, now.plus(backoff(appointment.attempts())), "the source answered a cancellation with a booking");
                    yield new CancelOutcome.Pending(store.appointment(id).orElseThrow().view());
                }
            };
        });
    }

    /**
     * Moves a confirmed appointment to a slot the patient holds: the new slot is booked first, then the old
     * one cancelled, so the patient never ends up with neither.
     */
    public RescheduleOutcome reschedule(AppointmentId current, HoldId newHold, PatientIdentity patient) {
        Optional<StoredAppointment> old = store.appointment(current).filter(a -> a.patientRef().equals(patient.ref()));
        if (old.isEmpty()) {
            return new RescheduleOutcome.NotFound();
        }
        if (!old.get().state().equals("CONFIRMED") || old.get().cancelRequestedAt().isPresent()) {
            return new RescheduleOutcome.NotMovable(old.get().view());
        }
        BookOutcome booked = confirm(newHold, patient, Optional.of(current));
        return switch (booked) {
            case BookOutcome.Confirmed confirmed -> new RescheduleOutcome.Moved(confirmed.appointment(), cancel(current, patient));
            // The old one stays until the source confirms the new one; reconciliation then cancels it (replaces_id).
            case BookOutcome.Pending pending -> new RescheduleOutcome.Pending(pending.appointment());
            default -> new RescheduleOutcome.NotBooked(booked);
        };
    }

    // ---- what a patient sees ------------------------------------------------------------------------------

    public List<AppointmentView> appointments(PatientIdentity patient) {
        return store.appointmentsOf(patient.ref()).stream().filter(a -> a.birthDate().equals(patient.birthDate()))
                .map(StoredAppointment::view).toList();
    }

    public Optional<AppointmentView> appointment(AppointmentId id, PatientIdentity patient) {
        return store.appointment(id).filter(a -> a.patientRef().equals(patient.ref())).map(StoredAppointment::view);
    }

    // ---- background: expiry and reconciliation ------------------------------------------------------------

    /** Releases slots whose hold ran out (holds being booked stay). Returns how many were freed. */
    public int expireHolds() {
        Instant now = clock.instant();
        int freed = 0;
        for (SlotId slot : availability.expiredHolds(now, 500)) {
            Boolean done = transaction.execute(status -> {
                Optional<Availability.LockedSlot> locked = availability.lockState(slot);
                if (locked.isEmpty() || !(locked.get().state() instanceof SlotState.Held held) || !held.expiredAt(now)) {
                    return false;
                }
                if (!expire(held, now)) {
                    return false;
                }
                availability.store(slot, held.release());
                events.publishEvent(new SlotReleased(slot, now, SlotReleased.Cause.HOLD_EXPIRED));
                return true;
            });
            freed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return freed;
    }

    /** Asks the sources again about bookings and cancellations whose answer never came. Returns how many were asked. */
    public int reconcile() {
        List<StoredAppointment> due = store.dueForReconciliation(clock.instant(), 100);
        for (StoredAppointment appointment : due) {
            if (appointment.state().equals("PENDING")) {
                String service = availability.slot(appointment.slot()).orElseThrow().slot().service().value();
                BookOutcome outcome = settle(appointment.id(), book(appointment, service));
                log.info("Reconciled booking {} on {}: {}", appointment.id(), appointment.source(), outcome.getClass().getSimpleName());
                if (outcome instanceof BookOutcome.Confirmed && appointment.replaces().isPresent()) {
                    cancelReplaced(appointment.replaces().get());
                }
            } else {
                CancelOutcome outcome = settleCancel(appointment.id(), askCancel(appointment));
                log.info("Reconciled cancellation {} on {}: {}", appointment.id(), appointment.source(), outcome.getClass().getSimpleName());
            }
        }
        return due.size();
    }
}
