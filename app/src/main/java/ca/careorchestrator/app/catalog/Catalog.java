package ca.careorchestrator.app.catalog;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.app.availability.SlotsChanged;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.core.availability.SlotId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The search over every slot. Its index is rebuilt from the database when the province is provisioned (at
 * each start), then kept current by {@link SlotsChanged} events: a refresher reloads the changed slots from
 * the database in batches, so the index converges on the record whatever the events' order.
 */
@Service
public class Catalog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private static final int REFRESH_BATCH = 2_000;
    /** Slots that started this long ago are still rebuilt (a search never asks for the past). */
    private static final Duration REBUILD_FROM = Duration.ofDays(1);
    private static final Duration ALTERNATIVES_WITHIN = Duration.ofDays(30);

    private final Availability availability;
    private final Directory directory;
    private final Clock clock;
    private volatile SlotIndex index;
    private volatile boolean rebuilding;
    private volatile boolean closing;
    private volatile Thread rebuilder;
    private volatile CatalogStatus.Rebuild lastRebuild;
    private final Set<SlotId> changed = new LinkedHashSet<>();
    private volatile Thread refresher;
    private volatile boolean running;
    /** A batch taken from {@code changed} is being applied. */
    private volatile boolean applying;

    private final boolean provisioning;
    /** Withdrawn and past slots stay in the index, filtered out, until a rebuild leaves them behind. */
    private final Duration rebuildEvery;
    private volatile Thread compactor;

    private final ApplicationEventPublisher events;

    Catalog(Availability availability, Directory directory, Clock clock, ApplicationEventPublisher events,
            @org.springframework.beans.factory.annotation.Value("${care.provisioning.enabled:true}") boolean provisioning,
            @org.springframework.beans.factory.annotation.Value("${care.catalog.rebuild-every:24h}") Duration rebuildEvery) {
        this.availability = availability;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
        this.provisioning = provisioning;
        this.rebuildEvery = rebuildEvery;
    }

    /** The search cannot answer yet: the index is being built for the first time. */
    public static final class NotReady extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotReady() {
            super("the search index is being built");
        }
    }

    public SearchResult search(SlotQuery query) {
        return search(query, Visibility.EVERYTHING);
    }

    /** The free slots this searcher may see (their allocation policies admit them now). */
    public SearchResult search(SlotQuery query, Visibility visibility) {
        SlotIndex current = index;
        if (current == null) {
            throw new NotReady();
        }
        SearchResult result = current.search(query, visibility);
        if (query.page() == 0) {
            events.publishEvent(new SlotsSearched(query.region(), query.near().map(SlotQuery.Near::point), query.service(),
                    result.hits().isEmpty(), clock.instant()));
        }
        return result;
    }

    /**
     * Free slots of one clinic starting in {@code [from, to)}, soonest first, whatever the searcher (what-if forecasts
     * of allocation policies); empty before the index is built.
     */
    public List<SlotHit> freeSlotsOf(ca.careorchestrator.core.care.ClinicId clinic, Instant from, Instant to) {
        SlotIndex current = index;
        return current == null ? List.of() : current.freeSlotsOf(clinic, from, to);
    }

    /** A clinic's free slots ahead (any service): how many, and the n-th one's start; empty before the index is built. */
    public Optional<FreeAhead> freeAhead(ca.careorchestrator.core.care.ClinicId clinic, Instant from, int n) {
        SlotIndex current = index;
        return current == null ? Optional.empty() : Optional.of(current.freeAhead(clinic, from, n));
    }

    /**
     * Up to {@code count} free slots like this one (same service, its clinic's region), soonest first within 30
     * days, this one left out; from the index alone (a refused patient costs the database nothing more).
     */
    public List<SlotHit> alternativesTo(SlotId slot, int count) {
        SlotIndex current = index;
        if (current == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return current.alternativesTo(slot, count, now, now.plus(ALTERNATIVES_WITHIN));
    }

    /** Every slot of the index, for publication (the open-data feed); one index for the whole read. */
    public Supply supply() {
        SlotIndex current = index;
        if (current == null) {
            throw new NotReady();
        }
        return new Supply(current);
    }

    public CatalogStatus status() {
        SlotIndex current = index;
        int waiting;
        synchronized (changed) {
            waiting = changed.size();
        }
        return new CatalogStatus(current != null, rebuilding, current == null ? 0 : current.size(),
                current == null ? 0 : current.bytes(), waiting, Optional.ofNullable(lastRebuild));
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        startRebuild();
    }

    /** A rebuild on its own thread; stop() waits for it (a query cut off by a closing database can damage an H2 file). */
    private void startRebuild() {
        synchronized (changed) {
            if (!closing) {
                rebuilder = Thread.ofVirtual().name("catalog-rebuild").start(() -> {
                    try {
                        rebuild();
                    } catch (java.util.concurrent.CancellationException e) {
                        log.info("Search index rebuild abandoned: {}", e.getMessage());
                    } catch (RuntimeException e) {
                        log.error("Search index rebuild failed; the previous index (if any) stays", e);
                    }
                });
            }
        }
    }

    /** Without provisioning (a database filled by other means) nothing announces the data: build once started. */
    @EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void onReady() {
        if (!provisioning) {
            startRebuild();
        }
    }

    /** After the change commits (or at once, for changes made outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(SlotsChanged event) {
        synchronized (changed) {
            changed.addAll(event.slots());
            changed.notifyAll();
        }
    }

    /** Builds a new index from the database and swaps it in; changes heard meanwhile are applied after. */
    public synchronized void rebuild() {
        rebuilding = true;
        long started = System.nanoTime();
        try {
            Places places = new Places(directory.allClinics(), directory.allProfessionals());
            SlotIndex fresh = SlotIndex.building(places);
            List<SlotEntry> batch = new ArrayList<>(10_000);
            int[] skipped = {0};
            Instant from = clock.instant().minus(REBUILD_FROM);
            availability.forEachEntry(from, entry -> {
                if (closing) {
                    throw new java.util.concurrent.CancellationException("the application is stopping");
                }
                batch.add(entry);
                if (batch.size() == 10_000) {
                    skipped[0] += fresh.apply(batch);
                    batch.clear();
                }
            }, (slot, channel) -> {
                // The listings' channels come after every entry: the last partial batch must be in the index first,
                // or its slots keep the weakest channel (a whole small province booked "by phone").
                if (!batch.isEmpty()) {
                    skipped[0] += fresh.apply(batch);
                    batch.clear();
                }
                fresh.improveChannel(slot, channel);
            });
            skipped[0] += fresh.apply(batch);
            // Opened now: changes heard from here on are stamped after this origin (the published feed's changes since).
            index = fresh.open(clock.instant());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            lastRebuild = new CatalogStatus.Rebuild(clock.instant(), took, fresh.size());
            log.info("Search index rebuilt: {} slots of {} clinics in {} ms, ~{} MB{}", fresh.size(), places.clinicCount(),
                    took.toMillis(), fresh.bytes() >> 20, skipped[0] > 0 ? " (" + skipped[0] + " of unknown clinics skipped)" : "");
        } finally {
            rebuilding = false;
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }

    private void refreshLoop() {
        while (running) {
            List<SlotId> batch = new ArrayList<>();
            try {
                synchronized (changed) {
                    while (running && (changed.isEmpty() || index == null || rebuilding)) {
                        changed.wait(1_000);
                    }
                    var it = changed.iterator();
                    while (it.hasNext() && batch.size() < REFRESH_BATCH) {
                        batch.add(it.next());
                        it.remove();
                    }
                    applying = !batch.isEmpty();
                }
                if (!batch.isEmpty()) {
                    index.apply(availability.entries(batch), clock.instant());
                }
                applying = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is away: put them back and try again shortly; the index stays as it was.
                log.warn("Search index refresh of {} slots failed: {}", batch.size(), e.toString());
                synchronized (changed) {
                    changed.addAll(batch);
                    applying = false;
                }
                sleepQuietly();
            }
        }
    }

    /** Blocks until every change heard so far is in the index (tests and benchmarks). */
    public boolean awaitCurrent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean settled;
            synchronized (changed) {
                settled = changed.isEmpty() && !applying;
            }
            if (settled && index != null && !rebuilding) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return false;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        refresher = Thread.ofVirtual().name("catalog-refresh").start(this::refreshLoop);
        compactor = Thread.ofVirtual().name("catalog-compact").start(this::compactLoop);
    }

    /** A fresh index every {@code care.catalog.rebuild-every}, once there is one to replace. */
    private void compactLoop() {
        while (true) {
            long due = System.nanoTime() + rebuildEvery.toNanos();
            synchronized (changed) {
                try {
                    // Woken by every change heard too: only the deadline or a stop ends the wait.
                    for (long left = due - System.nanoTime(); left > 0 && running && !closing; left = due - System.nanoTime()) {
                        changed.wait(Math.max(1, left / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closing || !running) {
                    return;
                }
            }
            if (index != null && !rebuilding) {
                startRebuild();
            }
        }
    }

    @Override
    public void stop() {
        synchronized (changed) {
            closing = true;
        }
        join(rebuilder);
        synchronized (changed) {
            running = false;
            changed.notifyAll(); // never an interrupt: it would break the connection of a query under way
        }
        join(refresher);
        join(compactor);
    }

    private static void join(Thread thread) {
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
