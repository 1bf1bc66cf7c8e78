package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.waitlist.WaitlistStore.StoredOffer;
import ca.careorchestrator.app.waitlist.WaitlistStore.StoredRequest;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The waitlist's use cases: a patient files, lists and withdraws care requests and answers offers; the access desk sets
 * priorities. Each change commits first, then the matcher's index follows (the database is the record). Offers are made
 * by {@link SlotOffers} when slots are published or freed.
 */
@Service
public class Waitlist {

    /** A window ends at most this far ahead: a longer wish is better served by a family doctor's follow-up than an alert. */
    public static final Duration LONGEST_WINDOW = Duration.ofDays(90);

    private final WaitlistStore store;
    private final OpenRequests open;
    private final SlotOffers offers;
    private final Bookings bookings;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final ObjectProvider<InsuredPeople> people;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Waitlist(WaitlistStore store, OpenRequests open, SlotOffers offers, Bookings bookings, Directory directory, ServiceTypes serviceTypes,
            ObjectProvider<InsuredPeople> people, TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.open = open;
        this.offers = offers;
        this.bookings = bookings;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.people = people;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** What a patient asks for; a window that started already counts from now. */
    public record Filing(PatientId patient, ServiceTypeCode service, Fsa area, int radiusKm, Instant from, Instant to, Set<Modality> modalities) {
    }

    public FileOutcome file(Filing filing) {
        return fileAsOf(filing, clock.instant(), Optional.empty());
    }

    /**
     * As {@link #file}, for a request that reached the access desk at {@code filedAt} (its age counts from then), with
     * the desk's priority if it set one: the synthetic province's backlog and its daily inflow of orphan patients'
     * requests. The window still starts now at the earliest.
     */
    public FileOutcome fileAsOf(Filing filing, Instant filedAt, Optional<PriorityCode> priority) {
        Instant now = clock.instant();
        Optional<FileOutcome.Refused> refused = check(filing, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<StoredRequest> existing = store.openRequest(filing.patient(), filing.service());
        if (existing.isPresent()) {
            return new FileOutcome.AlreadyWaiting(view(existing.get()));
        }
        Instant from = filing.from().isBefore(now) ? now : filing.from();
        CareRequest request = new CareRequest(new CareRequestId(UUID.randomUUID()), filing.patient(), filing.service(), filing.area(),
                filing.radiusKm(), from, filing.to(), filing.modalities(), filedAt.isAfter(now) ? now : filedAt);
        try {
            transaction.executeWithoutResult(status -> {
                store.insertRequest(request, priority);
                events.publishEvent(new CareRequestFiled(request.id(), request.service(), request.area(), now));
            });
        } catch (DuplicateKeyException e) {
            // The same patient filed for the same service twice at once: the other one won the unique key.
            return store.openRequest(filing.patient(), filing.service()).<FileOutcome>map(r -> new FileOutcome.AlreadyWaiting(view(r)))
                    .orElseThrow(() -> e);
        }
        open.add(request, priority);
        return new FileOutcome.Filed(view(store.request(request.id()).orElseThrow()));
    }

    private Optional<FileOutcome.Refused> check(Filing filing, Instant now) {
        if (serviceTypes.find(filing.service().value()).isEmpty()) {
            return refused(Problem.UNKNOWN_SERVICE, filing.service().value());
        }
        if (!filing.area().inQuebec() || directory.postalArea(filing.area()).isEmpty()) {
            return refused(Problem.UNKNOWN_POSTAL_AREA, filing.area().value());
        }
        if (filing.radiusKm() < 1 || filing.radiusKm() > 500) {
            return refused(Problem.RADIUS_OUT_OF_RANGE, 1, 500);
        }
        if (filing.modalities() == null || filing.modalities().isEmpty()) {
            return refused(Problem.MISSING_PARAMETER, "modalities");
        }
        if (!filing.to().isAfter(filing.from())) {
            return refused(Problem.WINDOW_REVERSED);
        }
        if (!filing.to().isAfter(now)) {
            return refused(Problem.WINDOW_IN_PAST);
        }
        if (filing.to().isAfter(now.plus(LONGEST_WINDOW))) {
            return refused(Problem.WINDOW_TOO_LONG, LONGEST_WINDOW.toDays());
        }
        InsuredPeople registry = people.getIfAvailable();
        if (registry == null || registry.identity(filing.patient()).isEmpty()) {
            // An offer holds a slot in the patient's name: the registry must know whom to act for and whom to tell.
            return refused(Problem.PATIENT_NOT_REGISTERED);
        }
        return Optional.empty();
    }

    private static Optional<FileOutcome.Refused> refused(Problem problem, Object... arguments) {
        return Optional.of(new FileOutcome.Refused(problem, List.of(arguments)));
    }

    /** The patient's requests, newest first, each with its offer if one is out. */
    public List<CareRequestView> requestsOf(PatientId patient) {
        return store.requestsOf(patient).stream().map(this::view).toList();
    }

    /** A request as the access desk sees it (any patient's; the caller checks the desk's region). */
    public Optional<CareRequestView> request(CareRequestId id) {
        return store.request(id).map(this::view);
    }

    public Optional<CareRequestView> request(CareRequestId id, PatientId patient) {
        return store.request(id).filter(r -> r.request().patient().equals(patient)).map(this::view);
    }

    /** An offer as its patient sees it (empty for anyone else's). */
    public Optional<OfferView> offer(OfferId id, PatientId patient) {
        return store.offer(id).filter(o -> ownedBy(o, patient)).map(StoredOffer::view);
    }

    /** What a transaction decided ({@code Done}), or what is left to do after its commit ({@code Then}). */
    private sealed interface Step<T> {
        record Done<T>(T outcome) implements Step<T> {
        }

        record Then<T>(Optional<StoredOffer> offer, StoredRequest request) implements Step<T> {
        }
    }

    public WithdrawOutcome withdraw(CareRequestId id, PatientId patient) {
        Instant now = clock.instant();
        Step<WithdrawOutcome> step = transaction.execute(status -> {
            Optional<StoredRequest> request = store.lockRequest(id).filter(r -> r.request().patient().equals(patient));
            if (request.isEmpty()) {
                return new Step.Done<>(new WithdrawOutcome.NotFound());
            }
            if (!request.get().open()) {
                return new Step.Done<>(new WithdrawOutcome.AlreadyEnded(view(request.get())));
            }
            Optional<StoredOffer> pending = store.pendingOfferOf(id);
            pending.ifPresent(offer -> store.endOffer(offer.id(), "WITHDRAWN", now));
            store.endRequest(id, "WITHDRAWN", now);
            events.publishEvent(new CareRequestWithdrawn(id, false, now));
            return new Step.Then<>(pending, request.get());
        });
        return switch (step) {
            case Step.Done<WithdrawOutcome> done -> done.outcome();
            case Step.Then<WithdrawOutcome> then -> {
                open.remove(id);
                // An offer was out: its slot was held for this patient; free it and pass it on.
                then.offer().ifPresent(offer -> {
                    InsuredPeople registry = people.getIfAvailable();
                    if (registry != null) {
                        registry.identity(patient).ifPresent(identity -> bookings.release(offer.hold(), identity));
                    }
                    offers.offerSoon(Set.of(offer.slot()));
                });
                yield new WithdrawOutcome.Withdrawn(view(store.request(id).orElseThrow()));
            }
        };
    }

    /**
     * The access desk sets (or clears) a request's priority; empty when there is no such request. Who may call this is the
     * security module's to say (the lead secures it for the access desk's role).
     */
    public Optional<CareRequestView> setPriority(CareRequestId id, Optional<PriorityCode> priority) {
        Optional<StoredRequest> updated = transaction.execute(status -> {
            Optional<StoredRequest> request = store.lockRequest(id);
            request.ifPresent(r -> store.setPriority(id, priority));
            return request;
        });
        if (updated == null || updated.isEmpty()) {
            return Optional.empty();
        }
        StoredRequest now = store.request(id).orElseThrow();
        if (now.state().equals("OPEN")) {
            open.prioritise(id, priority);
        }
        return Optional.of(view(now));
    }

    /**
     * The access desk booked for the request's patient itself (not through an offer): an OPEN request ends FULFILLED and
     * leaves the index. False when it was not OPEN (an offer is out, or it ended): nothing changed.
     */
    public boolean fulfil(CareRequestId id) {
        Instant now = clock.instant();
        Boolean ended = transaction.execute(status -> store.lockRequest(id).filter(r -> r.state().equals("OPEN")).isPresent()
                && store.endRequest(id, "FULFILLED", now));
        if (!Boolean.TRUE.equals(ended)) {
            return false;
        }
        open.remove(id);
        return true;
    }

    // ---- answers ------------------------------------------------------------------------------------------------

    public AcceptOutcome accept(OfferId id, PatientId patient) {
        Instant now = clock.instant();
        Optional<StoredOffer> found = store.offer(id).filter(o -> ownedBy(o, patient));
        if (found.isEmpty()) {
            return new AcceptOutcome.NotFound();
        }
        StoredOffer offer = found.get();
        if (offer.state().equals("LAPSED") || (offer.state().equals("PENDING") && !now.isBefore(offer.expiresAt()))) {
            return new AcceptOutcome.Expired(offer.view()); // nothing changed: the lapse job passes the slot on
        }
        if (!offer.state().equals("PENDING")) {
            return new AcceptOutcome.AlreadyAnswered(offer.view());
        }
        InsuredPeople registry = people.getIfAvailable();
        Optional<PatientIdentity> identity = registry == null ? Optional.empty() : registry.identity(patient);
        if (identity.isEmpty()) {
            return new AcceptOutcome.NotFound();
        }
        offers.accepting.add(id);
        try {
            BookOutcome booking = bookings.confirm(offer.hold(), identity.get());
            return switch (booking) {
                case BookOutcome.Confirmed c -> accepted(offer, booking);
                case BookOutcome.Pending p -> accepted(offer, booking);
                case BookOutcome.HandedOver h -> accepted(offer, booking);
                case BookOutcome.SlotTaken taken -> {
                    StoredRequest request = settle(offer, "WITHDRAWN", Optional.empty());
                    open.add(request.request(), request.priority());
                    yield new AcceptOutcome.SlotGone(store.offer(id).orElseThrow().view(), taken.reason());
                }
                // The hold ran out or ended under the offer: as good as expired; the lapse job settles the offer.
                case BookOutcome.HoldExpired expired -> new AcceptOutcome.Expired(offer.view());
                case BookOutcome.HoldNotFound notFound -> new AcceptOutcome.Expired(offer.view());
                case BookOutcome.SourceUnavailable unavailable -> new AcceptOutcome.SourceUnavailable(unavailable.source());
            };
        } finally {
            offers.accepting.remove(id);
        }
    }

    private AcceptOutcome accepted(StoredOffer offer, BookOutcome booking) {
        settle(offer, "ACCEPTED", Optional.of("FULFILLED"));
        open.remove(offer.request()); // in case a lapse put it back while the source was booking it
        return new AcceptOutcome.Accepted(store.offer(offer.id()).orElseThrow().view(), booking);
    }

    /** Decides a pending offer and moves its request: ended ({@code requestEnd}) or waiting again. */
    private StoredRequest settle(StoredOffer offer, String offerState, Optional<String> requestEnd) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            StoredRequest request = store.lockRequest(offer.request()).orElseThrow();
            store.endOffer(offer.id(), offerState, now);
            if (requestEnd.isPresent()) {
                store.endRequest(offer.request(), requestEnd.get(), now);
            } else {
                store.moveRequest(offer.request(), "OFFERED", "OPEN");
            }
            if (offerState.equals("ACCEPTED")) {
                events.publishEvent(new OfferAccepted(offer.id(), offer.request(), offer.slot(), now));
            }
            return request;
        });
    }

    public DeclineOutcome decline(OfferId id, PatientId patient) {
        Instant now = clock.instant();
        Step<DeclineOutcome> step = transaction.execute(status -> {
            Optional<StoredOffer> seen = store.offer(id).filter(o -> ownedBy(o, patient));
            if (seen.isEmpty()) {
                return new Step.Done<>(new DeclineOutcome.NotFound());
            }
            StoredRequest request = store.lockRequest(seen.get().request()).orElseThrow(); // lock order: request, then offer
            StoredOffer offer = store.lockOffer(id).orElseThrow();
            if (offer.state().equals("LAPSED") || (offer.state().equals("PENDING") && !now.isBefore(offer.expiresAt()))) {
                return new Step.Done<>(new DeclineOutcome.Expired(offer.view()));
            }
            if (!offer.state().equals("PENDING") || offers.accepting.contains(id)) {
                return new Step.Done<>(new DeclineOutcome.AlreadyAnswered(offer.view()));
            }
            store.endOffer(id, "DECLINED", now);
            store.moveRequest(offer.request(), "OFFERED", "OPEN");
            events.publishEvent(new OfferDeclined(id, offer.request(), offer.slot(), now));
            return new Step.Then<>(Optional.of(offer), request);
        });
        return switch (step) {
            case Step.Done<DeclineOutcome> done -> done.outcome();
            case Step.Then<DeclineOutcome> then -> {
                offers.passOn(then.offer().orElseThrow(), then.request(), people.getIfAvailable());
                yield new DeclineOutcome.Declined(store.offer(id).orElseThrow().view());
            }
        };
    }

    // ---- background ---------------------------------------------------------------------------------------------

    /** OPEN requests whose window ended: EXPIRED, out of the index. Returns how many. */
    int expireEnded() {
        Instant now = clock.instant();
        int expired = 0;
        for (CareRequestId id : store.openRequestsEndedBy(now, 500)) {
            Boolean ended = transaction.execute(status -> {
                if (!store.endRequest(id, "EXPIRED", now)) {
                    return false;
                }
                events.publishEvent(new CareRequestWithdrawn(id, true, now));
                return true;
            });
            if (Boolean.TRUE.equals(ended)) {
                open.remove(id);
                expired++;
            }
        }
        return expired;
    }

    private boolean ownedBy(StoredOffer offer, PatientId patient) {
        return store.request(offer.request()).map(r -> r.request().patient().equals(patient)).orElse(false);
    }

    private CareRequestView view(StoredRequest stored) {
        Optional<OfferView> pending = stored.state().equals("OFFERED") ? store.pendingOfferOf(stored.request().id()).map(StoredOffer::view)
                : Optional.empty();
        return new CareRequestView(stored.request(), stored.priority(), stored.state(), pending);
    }
}
