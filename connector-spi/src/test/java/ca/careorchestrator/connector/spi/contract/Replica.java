package ca.careorchestrator.connector.spi.contract;

import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference semantics of applying source records, in memory: idempotent on (external id, version),
 * newer version wins, a full read withdraws what it did not see. The runtime's database apply must agree
 * with it; the contract kit uses it to check a connector converges on the source.
 */
public final class Replica implements RecordSink {

    private record Entry(long version, boolean free, boolean gone) {
    }

    private final Map<String, Entry> slots = new HashMap<>();
    private final Set<String> seenThisRead = new HashSet<>();
    private final List<SourceRecord.Unreadable> quarantine = new ArrayList<>();
    private final Set<String> sites = new HashSet<>();
    private long delivered;

    @Override
    public synchronized Outcome deliver(List<SourceRecord> batch) {
        for (SourceRecord record : batch) {
            delivered++;
            switch (record) {
                case SourceRecord.SiteSeen site -> sites.add(site.siteRef());
                case SourceRecord.SlotSeen slot -> {
                    seenThisRead.add(slot.externalId());
                    apply(slot.externalId(), new Entry(slot.version(), slot.free(), false));
                }
                case SourceRecord.SlotGone gone -> apply(gone.externalId(), new Entry(gone.version(), false, true));
                case SourceRecord.Unreadable unreadable -> quarantine.add(unreadable);
            }
        }
        return Outcome.Ok.delivered(batch.size());
    }

    private void apply(String id, Entry next) {
        Entry current = slots.get(id);
        if (current == null || next.version() > current.version()
                || (next.version() == current.version() && next.gone() && !current.gone())) {
            slots.put(id, next);
        }
    }

    /** Call before a full read. */
    public synchronized void beginFullRead() {
        seenThisRead.clear();
    }

    /** Call after a full read that returned {@code Coverage.FULL}: what was not seen is gone. */
    public synchronized void endFullRead() {
        slots.replaceAll((id, entry) -> seenThisRead.contains(id) ? entry : new Entry(entry.version(), false, true));
    }

    public synchronized Set<String> free() {
        Set<String> free = new TreeSet<>();
        slots.forEach((id, entry) -> {
            if (entry.free() && !entry.gone()) {
                free.add(id);
            }
        });
        return free;
    }

    public synchronized Set<String> known() {
        return Set.copyOf(slots.keySet());
    }

    public synchronized List<SourceRecord.Unreadable> quarantine() {
        return List.copyOf(quarantine);
    }

    public synchronized Set<String> sites() {
        return Set.copyOf(sites);
    }

    public synchronized long delivered() {
        return delivered;
    }
}
