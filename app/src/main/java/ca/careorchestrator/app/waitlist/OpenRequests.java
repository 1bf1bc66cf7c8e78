package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.GeoPoint;
import ca.careorchestrator.core.geo.PostalArea;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import ca.careorchestrator.core.waitlist.Candidate;
import ca.careorchestrator.core.waitlist.SlotToFill;
import ca.careorchestrator.core.waitlist.WaitlistIndex;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The OPEN care requests in the matcher's index (an OFFERED one is out while its offer runs), rebuilt from the database,
 * the record, once the directory's areas are there; then kept in step by the use cases after each commit. One lock for
 * everything: the index is not thread-safe, and a rebuild holding the lock while it reads means a change committed
 * meanwhile is applied after it (adding what is there already or removing what is gone is a no-op).
 */
@Component
class OpenRequests {

    private static final Logger log = LoggerFactory.getLogger(OpenRequests.class);

    private final WaitlistStore store;
    private final Directory directory;
    private final boolean provisioning;
    private WaitlistIndex index;
    /** Read without the lock by event listeners on committing threads: false only once built and empty. */
    private volatile boolean mayHaveRequests = true;

    OpenRequests(WaitlistStore store, Directory directory, @Value("${care.provisioning.enabled:true}") boolean provisioning) {
        this.store = store;
        this.directory = directory;
        this.provisioning = provisioning;
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        rebuild();
    }

    /** Without provisioning (a database filled by other means) nothing announces the data: build once started. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!provisioning) {
            rebuild();
        }
    }

    synchronized void rebuild() {
        long started = System.nanoTime();
        Map<Fsa, GeoPoint> centroids = new HashMap<>();
        for (PostalArea area : directory.postalAreas()) {
            centroids.put(area.fsa(), area.centroid());
        }
        WaitlistIndex fresh = new WaitlistIndex(centroids);
        int[] skipped = {0};
        store.forEachOpen(stored -> {
            if (centroids.containsKey(stored.request().area())) {
                fresh.add(stored.request(), stored.priority());
            } else {
                skipped[0]++; // an area the directory no longer has: the request waits, unmatched, until it expires
            }
        });
        index = fresh;
        mayHaveRequests = fresh.size() > 0;
        log.info("Waitlist index rebuilt: {} open care requests in {} ms{}", fresh.size(), (System.nanoTime() - started) / 1_000_000,
                skipped[0] > 0 ? " (" + skipped[0] + " in unknown areas skipped)" : "");
        notifyAll();
    }

    synchronized boolean ready() {
        return index != null;
    }

    boolean mayHaveRequests() {
        return mayHaveRequests;
    }

    synchronized int size() {
        return index == null ? 0 : index.size();
    }

    synchronized void add(CareRequest request, Optional<PriorityCode> priority) {
        if (index != null && !index.contains(request.id())) {
            try {
                index.add(request, priority);
                mayHaveRequests = true;
            } catch (IllegalArgumentException e) {
                log.warn("Care request {} not indexed: {}", request.id(), e.getMessage());
            }
        }
    }

    synchronized void remove(CareRequestId id) {
        if (index != null) {
            index.remove(id);
            mayHaveRequests = index.size() > 0;
        }
    }

    synchronized void prioritise(CareRequestId id, Optional<PriorityCode> priority) {
        if (index != null) {
            index.prioritise(id, priority);
        }
    }

    synchronized Optional<Candidate> best(SlotToFill slot, Predicate<Candidate> admits) {
        return index == null ? Optional.empty() : index.best(slot, admits);
    }
}
