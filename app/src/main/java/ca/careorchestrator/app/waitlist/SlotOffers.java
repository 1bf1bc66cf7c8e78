package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.app.availability.SlotsChanged;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.HoldView;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.booking.SlotReleased;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.waitlist.WaitlistStore.StoredOffer;
import ca.careorchestrator.app.waitlist.WaitlistStore.StoredRequest;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.waitlist.Candidate;
import ca.careorchestrator.core.waitlist.SlotToFill;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers: a slot published or freed goes first to the best waiting request. Slots to look at queue up from the events
 * (after their commit) and one thread offers them ({@link WaitlistJobs}), so no two matches race for one request; the
 * slot's own state is settled by {@code Bookings.hold} (a row lock and a legal transition). An offer holds the slot on
 * the patient's behalf for exactly as long as it runs: its expiry is the hold's.
 */
@Component
class SlotOffers implements ca.careorchestrator.app.booking.FirstLook {

    private static final Logger log = LoggerFactory.getLogger(SlotOffers.class);
    private static final int BATCH = 500;
    /** Candidates passed over for one slot (unknown to the registry, holding another slot) before it goes to general search. */
    private static final int MAX_TRIES = 50;
    /** Changed slots queued at most (a province's first read changes millions). */
    private static final int MAX_WAITING = 200_000;

    private final OpenRequests open;
    private final WaitlistStore store;
    private final Availability availability;
    private final Directory directory;
    private final Bookings bookings;
    private final ObjectProvider<InsuredPeople> people;
    private final OfferNotices notices;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final WaitlistProperties properties;
    private final Clock clock;
    private final String publicUrl;
    private final Set<SlotId> waiting = new LinkedHashSet<>();
    /**
     * Freed slots (cancelled, hold ended) queued while requests are open and not looked at yet: booking refuses them to
     * everyone else until then ({@link #pending}). A subset of what is waiting or in the batch being offered.
     */
    private final Set<SlotId> freed = ConcurrentHashMap.newKeySet();
    private final Map<ClinicId, Clinic> clinics = new ConcurrentHashMap<>();
    /** Offers whose acceptance is at the source now: the lapse job leaves them to it. */
    final Set<OfferId> accepting = ConcurrentHashMap.newKeySet();
    private volatile boolean busy;
    /** Batches of changed slots not queued because the queue was full (guarded by {@code waiting}). */
    private long dropped;

    SlotOffers(OpenRequests open, WaitlistStore store, Availability availability, Directory directory, Bookings bookings,
            ObjectProvider<InsuredPeople> people, OfferNotices notices, TransactionTemplate transaction, ApplicationEventPublisher events,
            WaitlistProperties properties, Clock clock, @Value("${care.public-url:http://localhost:8080}") String publicUrl) {
        this.open = open;
        this.store = store;
        this.availability = availability;
        this.directory = directory;
        this.bookings = bookings;
        this.people = people;
        this.notices = notices;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SlotReleased released) {
        // Only while someone may be waiting and the index can answer: otherwise the matcher would not look soon, and the
        // slot is everyone's at once. (Between the release's commit and this call, microseconds, the slot is open to all.)
        if (open.ready() && open.mayHaveRequests()) {
            freed.add(released.slot());
        }
        offerSoon(Set.of(released.slot()));
    }

    @Override
    public boolean pending(SlotId slot) {
        return freed.contains(slot);
    }

    /** New publications arrive this way (and every other change: the matcher reads the slot and keeps the free ones). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(SlotsChanged changed) {
        if (open.mayHaveRequests()) {
            synchronized (waiting) {
                if (waiting.size() >= MAX_WAITING) {
                    // A whole province being read while the index is still being built: the queue stays bounded; slots freed
                    // later (SlotReleased) still queue, and so does every change once the matcher has caught up.
                    if (dropped++ % 1_000 == 0) {
                        log.warn("{} changed slots wait to be matched: {} more batches of changes left to general search", waiting.size(), dropped);
                    }
                    return;
                }
            }
            offerSoon(changed.slots());
        }
    }

    void offerSoon(Collection<SlotId> slots) {
        synchronized (waiting) {
            waiting.addAll(slots);
            waiting.notifyAll();
        }
    }

    /** Wakes {@link #offerWaiting} (the application stops). */
    void wake() {
        synchronized (waiting) {
            waiting.notifyAll();
        }
    }

    /** True when no slot waits to be looked at and none is being offered (tests wait for this). */
    boolean idle() {
        synchronized (waiting) {
            return waiting.isEmpty() && !busy;
        }
    }

    /**
     * One round: up to {@value #BATCH} queued slots, each offered if it is free and starts late enough for someone to act
     * on an offer. Waits up to {@code waitMillis} for slots to queue. Returns how many offers were made.
     */
    int offerWaiting(long waitMillis) throws InterruptedException {
        List<SlotId> batch = new ArrayList<>();
        synchronized (waiting) {
            if (waiting.isEmpty() || !open.ready()) {
                waiting.wait(waitMillis);
            }
            if (!open.ready()) {
                return 0;
            }
            Iterator<SlotId> it = waiting.iterator();
            while (it.hasNext() && batch.size() < BATCH) {
                batch.add(it.next());
                it.remove();
            }
            busy = !batch.isEmpty();
        }
        try {
            if (batch.isEmpty() || !open.mayHaveRequests()) {
                return 0;
            }
            Instant earliest = clock.instant().plus(properties.minLead());
            int made = 0;
            for (SlotEntry entry : availability.entries(batch)) {
                // Too close to its start: general search (nobody could act on an offer in time).
                if (entry.state().equals("FREE") && entry.start().isAfter(earliest) && offer(entry).isPresent()) {
                    made++;
                }
            }
            return made;
        } finally {
            synchronized (waiting) {
                // Looked at: offered (held for a patient) or left to general search; unless freed again meanwhile (queued anew).
                batch.stream().filter(slot -> !waiting.contains(slot)).forEach(freed::remove);
                busy = false;
            }
        }
    }

    /** Offers this free slot to the best waiting request that can take it; empty when nobody can (general search has it). */
    private Optional<OfferView> offer(SlotEntry slot) {
        Optional<Clinic> clinic = clinic(slot.clinic());
        InsuredPeople registry = people.getIfAvailable();
        if (clinic.isEmpty() || registry == null) {
            return Optional.empty();
        }
        SlotToFill toFill = new SlotToFill(slot.service(), slot.modality(), slot.start(), clinic.get().location());
        // Declined or lapsed: not again. Read only once a request matches (most changed slots match nobody).
        AtomicReference<Set<CareRequestId>> offeredBefore = new AtomicReference<>();
        Set<CareRequestId> passedOver = new HashSet<>();
        // The slot's allocation stages must admit the candidate too: the hold asks them, and a refusal passes to the next.
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Optional<Candidate> best = open.best(toFill, c -> {
                if (offeredBefore.get() == null) {
                    offeredBefore.set(store.requestsOffered(slot.id()));
                }
                return !offeredBefore.get().contains(c.request()) && !passedOver.contains(c.request());
            });
            if (best.isEmpty()) {
                return Optional.empty();
            }
            Candidate candidate = best.get();
            Optional<PatientIdentity> identity = registry.identity(candidate.patient());
            if (identity.isEmpty()) {
                log.warn("Care request {}: its patient is not in the registry; passed over", candidate.request());
                passedOver.add(candidate.request());
                continue;
            }
            // The waitlist acts, not a party that could hoard: the hold is recorded as the offer's (fairness does not watch it).
            Actor offer = new Actor(Actor.Kind.WAITLIST, candidate.request().toString());
            switch (bookings.hold(slot.id(), identity.get(), offer, properties.offerTtl())) {
                case HoldOutcome.Held held -> {
                    Optional<OfferView> made = record(candidate, held.hold(), slot);
                    if (made.isPresent()) {
                        notify(made.get(), candidate.patient(), registry, slot, clinic.get());
                        return made;
                    }
                    // The request ended meanwhile (withdrawn): the hold goes, the next one is asked.
                    bookings.release(held.hold().id(), identity.get());
                    passedOver.add(candidate.request());
                }
                // One live hold per patient: someone holding another slot (or answering another offer) is passed over this time.
                case HoldOutcome.AlreadyHolding already -> passedOver.add(candidate.request());
                // Not (yet) admitted by the slot's allocation rules: the next waiting request may be.
                case HoldOutcome.NotOpenToYou notOpen -> passedOver.add(candidate.request());
                case HoldOutcome.Unavailable unavailable -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<OfferView> record(Candidate candidate, HoldView hold, SlotEntry slot) {
        // Microseconds, as stored: the notice, the event and the record say the same instants, and the offer never outlives
        // its hold (the database rounds the hold's expiry to the nearest microsecond; this one is cut down).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = hold.expiresAt().truncatedTo(ChronoUnit.MICROS);
        Optional<OfferView> made = transaction.execute(status -> {
            Optional<StoredRequest> request = store.lockRequest(candidate.request());
            if (request.isEmpty() || !store.moveRequest(candidate.request(), "OPEN", "OFFERED")) {
                return Optional.<OfferView>empty();
            }
            StoredOffer offer = new StoredOffer(new OfferId(UUID.randomUUID()), candidate.request(), slot.id(), hold.id(), "PENDING", now,
                    expiresAt, Optional.empty());
            store.insertOffer(offer);
            events.publishEvent(new OfferMade(offer.id(), offer.request(), offer.slot(), request.get().priority(), now, offer.expiresAt()));
            return Optional.of(offer.view());
        });
        open.remove(candidate.request()); // offered (or ended): out of the index either way
        return made == null ? Optional.empty() : made;
    }

    private void notify(OfferView offer, PatientId patient, InsuredPeople registry, SlotEntry slot, Clinic clinic) {
        try {
            notices.offerMade(new OfferNotices.Notice(offer.id(), patient, registry.contact(patient), slot.id(), slot.service(), slot.modality(),
                    slot.start(), clinic.name(), offer.expiresAt(), URI.create(publicUrl + "/offres/" + offer.id()),
                    URI.create(publicUrl + "/api/v1/offers/" + offer.id() + "/accept"),
                    URI.create(publicUrl + "/api/v1/offers/" + offer.id() + "/decline")));
        } catch (RuntimeException e) {
            // The offer stands (the patient sees it in their requests); a notice that failed is logged, not retried here.
            log.warn("Offer {}: the notice failed: {}", offer.id(), e.toString());
        }
    }

    private Optional<Clinic> clinic(ClinicId id) {
        Clinic known = clinics.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Clinic> found = directory.clinic(id);
        found.ifPresent(c -> clinics.put(id, c));
        return found;
    }

    // ---- lapse ------------------------------------------------------------------------------------------------

    /** Offers that ran out unanswered: lapsed, their hold released, their request waiting again, their slot passed on. */
    int lapseDue() {
        Instant now = clock.instant();
        InsuredPeople registry = people.getIfAvailable();
        int lapsed = 0;
        for (StoredOffer due : store.pendingOffersDue(now, 200)) {
            if (accepting.contains(due.id())) {
                continue;
            }
            Optional<StoredRequest> request = transaction.execute(status -> {
                Optional<StoredRequest> locked = store.lockRequest(due.request());
                if (!store.endOffer(due.id(), "LAPSED", now)) {
                    return Optional.<StoredRequest>empty();
                }
                store.moveRequest(due.request(), "OFFERED", "OPEN");
                events.publishEvent(new OfferLapsed(due.id(), due.request(), due.slot(), now));
                return locked;
            });
            if (request == null || request.isEmpty()) {
                continue;
            }
            lapsed++;
            passOn(due, request.get(), registry);
        }
        return lapsed;
    }

    /** After a decline or a lapse: the hold goes (if booking's expiry has not freed it already), the request waits again, the slot is offered on. */
    void passOn(StoredOffer offer, StoredRequest request, InsuredPeople registry) {
        if (registry != null) {
            registry.identity(request.request().patient()).ifPresent(identity -> bookings.release(offer.hold(), identity));
        }
        if (request.state().equals("OFFERED") || request.state().equals("OPEN")) {
            open.add(request.request(), request.priority());
        }
        offerSoon(Set.of(offer.slot()));
    }
}
