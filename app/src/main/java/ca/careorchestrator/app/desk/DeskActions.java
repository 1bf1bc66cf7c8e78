package ca.careorchestrator.app.desk;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.AuditEntry;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.Registry;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * What an access-desk nurse does with a request of their region: open it (a read of the patient's data, audited), set
 * its priority (which also becomes the registry's referral that allocation rules read), or book a slot on the patient's
 * behalf (the hold is recorded with the desk nurse as its actor, {@code desk} says who for a patient; the booking audited as on behalf, the request fulfilled).
 * A request of another region is refused before anything is read or changed ({@code desk-other-region}).
 */
@Service
public class DeskActions {

    private final DeskQueue queue;
    private final Waitlist waitlist;
    private final Bookings bookings;
    private final InsuredPeople people;
    private final Registry registry;
    private final AuditTrail audit;

    DeskActions(DeskQueue queue, Waitlist waitlist, Bookings bookings, InsuredPeople people, Registry registry, AuditTrail audit) {
        this.queue = queue;
        this.waitlist = waitlist;
        this.bookings = bookings;
        this.people = people;
        this.registry = registry;
        this.audit = audit;
    }

    /** The fairness guards a hold passes first, as every channel's (the security module's per-patient velocity). */
    @FunctionalInterface
    public interface HoldGuard {
        HoldOutcome hold(Actor actor, PatientIdentity patient, java.util.function.Supplier<HoldOutcome> hold);
    }

    /** A request with the patient it is for. */
    public record Opened(QueueEntry entry, PatientIdentity patient) {
    }

    /** {@code nurse}: the desk user as the audit trail records them. */
    public Opened open(CareRequestId id, RegionCode deskRegion, AuditEntry.Actor nurse) {
        QueueEntry entry = ofRegion(id, deskRegion);
        PatientIdentity patient = people.identity(entry.patient()).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        audit.granted(nurse, "desk.request.read", entry.patient(), "access desk: an orphan patient's care request");
        return new Opened(entry, patient);
    }

    public QueueEntry setPriority(CareRequestId id, Optional<PriorityCode> priority, RegionCode deskRegion, String nurse) {
        QueueEntry entry = ofRegion(id, deskRegion);
        waitlist.setPriority(id, priority).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        priority.ifPresent(code -> registry.refer(entry.patient(), code, nurse));
        return queue.request(id).orElseThrow();
    }

    /**
     * Holds {@code slot} for the request's patient with the desk as actor, then books it at its source; a confirmed,
     * pending or handed-over booking fulfils the request. Refusals are the booking's own problems.
     */
    public BookOutcome book(CareRequestId id, SlotId slot, RegionCode deskRegion, Function<PatientIdentity, Actor> desk, HoldGuard guard,
            AuditEntry.Actor nurse) {
        QueueEntry entry = ofRegion(id, deskRegion);
        if (!entry.state().equals("OPEN")) {
            throw new ProblemException(Problem.DESK_REQUEST_NOT_OPEN, entry.state());
        }
        PatientIdentity patient = people.identity(entry.patient()).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        Actor actor = desk.apply(patient);
        BookOutcome booked = switch (guard.hold(actor, patient, () -> bookings.hold(slot, patient, actor))) {
            case HoldOutcome.Held held -> bookings.confirm(held.hold().id(), patient);
            case HoldOutcome.AlreadyHolding already -> throw new ProblemException(Problem.HOLD_ALREADY_LIVE, already.existing().expiresAt());
            case HoldOutcome.Unavailable unavailable -> throw new ProblemException(unavailable.why().problem());
            case HoldOutcome.NotOpenToYou notOpen -> throw new ProblemException(Problem.SLOT_NOT_OPEN_TO_YOU);
        };
        switch (booked) {
            case BookOutcome.Confirmed c -> fulfilled(id, entry, nurse);
            case BookOutcome.Pending p -> fulfilled(id, entry, nurse);
            case BookOutcome.HandedOver h -> {
                // Booked on the clinic's page or by phone, not here: the request keeps waiting until the nurse knows.
            }
            case BookOutcome.SlotTaken t -> throw new ProblemException(Problem.SLOT_TAKEN);
            case BookOutcome.HoldExpired e -> throw new ProblemException(Problem.HOLD_EXPIRED);
            case BookOutcome.HoldNotFound n -> throw new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.SourceUnavailable u -> throw new ProblemException(Problem.BOOKING_SOURCE_UNAVAILABLE, u.source().displayName());
        }
        return booked;
    }

    private void fulfilled(CareRequestId id, QueueEntry entry, AuditEntry.Actor nurse) {
        waitlist.fulfil(id);
        audit.granted(nurse, "desk.book.on-behalf", entry.patient(), "on behalf: the access desk booked for an orphan patient");
    }

    private QueueEntry ofRegion(CareRequestId id, RegionCode deskRegion) {
        QueueEntry entry = queue.request(id).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        if (!entry.region().equals(deskRegion)) {
            throw new ProblemException(Problem.DESK_OTHER_REGION);
        }
        return entry;
    }
}
