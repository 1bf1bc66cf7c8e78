package ca.careorchestrator.app.availability.persistence;

import ca.careorchestrator.app.availability.ApplyResult;
import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotCounts;
import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.app.availability.SlotsChanged;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.app.persistence.BulkInsert;
import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.geo.RegionCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcAvailability implements Availability {

    private static final List<String> SLOT_COLUMNS = List.of("id", "clinic_id", "professional_id", "region_code",
            "service_type", "modality", "start_at", "duration_minutes", "state", "booked_by", "hold_id", "hold_expires_at", "published_at");
    private static final List<String> LISTING_COLUMNS = List.of("source_system", "external_id", "slot_id", "source_version");

    /** Counting millions of rows takes a while; pages that ask within this long of each other share one count. */
    static final Duration COUNTS_REUSED_FOR = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final BulkInsert bulk;
    private final AtomicReference<Counted> lastCount = new AtomicReference<>();

    private record Counted(Instant from, Map<RegionCode, SlotCounts> counts) {
    }

    private final ChangeApplier changes;
    private final Clock clock;
    private final SlotRows rows;
    private final ApplicationEventPublisher events;
    private final java.util.concurrent.atomic.AtomicLong insertedSinceAnalyze = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong rowsAtLastAnalyze = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean analyzing = new java.util.concurrent.atomic.AtomicBoolean();

    JdbcAvailability(JdbcClient jdbc, BulkInsert bulk, JdbcTemplate template, TransactionTemplate transaction,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.clock = clock;
        this.changes = new ChangeApplier(jdbc, template, transaction, clock);
        this.rows = new SlotRows(jdbc, template.getDataSource(), transaction);
        this.events = events;
    }

    @Override
    public ApplyResult apply(SourceSystem source, List<SlotChange> batch, long readGeneration) {
        lastCount.set(null);
        ChangeApplier.Applied applied = changes.apply(source, batch, readGeneration);
        published(applied.touched());
        refreshStatisticsIfGrown(applied.result().created() + applied.result().merged());
        return applied.result();
    }

    private void published(Set<UUID> touched) {
        if (!touched.isEmpty()) {
            events.publishEvent(new SlotsChanged(touched.stream().map(SlotId::new).collect(Collectors.toSet())));
        }
    }

    /**
     * An initial sync grows the tables from nothing to millions of rows faster than autovacuum re-analyzes
     * them; with statistics saying "a few hundred rows", PostgreSQL scans a source's listings instead of
     * looking 500 ids up by key. So the tables are analyzed each time they have doubled (at least 20,000 new
     * rows): about twenty times from empty to the province.
     */
    private void refreshStatisticsIfGrown(int inserted) {
        if (!bulk.isPostgres() || inserted == 0) {
            return;
        }
        long grown = insertedSinceAnalyze.addAndGet(inserted);
        long threshold = Math.max(20_000, rowsAtLastAnalyze.get());
        if (grown >= threshold && analyzing.compareAndSet(false, true)) {
            try {
                jdbc.sql("analyze availability_listing").update();
                jdbc.sql("analyze availability_slot").update();
                rowsAtLastAnalyze.addAndGet(insertedSinceAnalyze.getAndSet(0));
            } finally {
                analyzing.set(false);
            }
        }
    }

    @Override
    public int withdrawUnseen(SourceSystem source, long readGeneration, Instant from) {
        lastCount.set(null);
        ChangeApplier.Applied applied = changes.withdrawUnseen(source, readGeneration, from);
        published(applied.touched());
        return applied.result().updated();
    }

    @Override
    public void forEachEntry(Instant from, Consumer<SlotEntry> entries, BiConsumer<SlotId, BookingChannel> listingChannels) {
        rows.forEachEntry(from, entries, listingChannels);
    }

    @Override
    public List<SlotEntry> entries(Collection<SlotId> ids) {
        return rows.entries(ids);
    }

    @Override
    public Map<SlotId, String> deepLinks(Collection<SlotId> ids) {
        return rows.deepLinks(ids);
    }

    @Override
    public Optional<StoredSlot> slot(SlotId id) {
        return rows.slot(id, false);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<StoredSlot> lockForUpdate(SlotId id) {
        return rows.slot(id, true);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LockedSlot> lockState(SlotId id) {
        return rows.state(id, true);
    }

    @Override
    public Optional<LockedSlot> state(SlotId id) {
        return rows.state(id, false);
    }

    @Override
    public List<StoredSlot.LiveListing> liveListings(SlotId id) {
        return rows.liveListings(id);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void store(SlotId id, SlotState next) {
        lastCount.set(null);
        rows.store(id, next);
        // Inside the caller's transaction: the search index hears of it once that commits.
        events.publishEvent(new SlotsChanged(Set.of(id)));
    }

    @Override
    public List<SlotId> expiredHolds(Instant now, int limit) {
        return rows.expiredHolds(now, limit);
    }

    @Override
    public Map<RegionCode, SlotCounts> futureSlotsByRegion(Instant from) {
        Counted last = lastCount.get();
        if (last != null && !from.isBefore(last.from()) && from.isBefore(last.from().plus(COUNTS_REUSED_FOR))) {
            return last.counts();
        }
        Map<RegionCode, SlotCounts> counts = new TreeMap<>();
        jdbc.sql("""
                        select region_code, count(*) as total, sum(case when state = 'FREE' then 1 else 0 end) as free
                        from availability_slot
                        where start_at >= :from and state <> 'WITHDRAWN'
                        group by region_code""")
                .param("from", Timestamp.from(from))
                .query(rs -> {
                    counts.put(new RegionCode(rs.getString("region_code").strip()),
                            new SlotCounts(rs.getLong("total"), rs.getLong("free")));
                });
        lastCount.set(new Counted(from, Map.copyOf(counts)));
        return counts;
    }

    @Override
    public void addSlots(List<Slot> slots, Function<Slot, RegionCode> regionOf) {
        lastCount.set(null);
        List<Object[]> slotRows = new ArrayList<>(slots.size());
        List<Object[]> listingRows = new ArrayList<>(slots.size() * 2);
        Instant now = clock.instant();
        for (Slot slot : slots) {
            Object bookedBy = null;
            Object holdId = null;
            Object holdExpiresAt = null;
            switch (slot.state()) {
                case SlotState.Booked booked -> bookedBy = booked.by().name();
                case SlotState.Held held -> {
                    holdId = held.hold().value();
                    holdExpiresAt = held.expiresAt();
                }
                case SlotState.Free free -> {
                }
                case SlotState.Withdrawn withdrawn -> {
                }
            }
            slotRows.add(new Object[] {slot.id().value(), slot.clinic().value(), slot.professional().value(),
                    regionOf.apply(slot).value(), slot.service().value(), slot.modality().name(), slot.start(),
                    (int) slot.duration().toMinutes(), slot.state().code(), bookedBy, holdId, holdExpiresAt, now});
            for (Listing listing : slot.listings()) {
                listingRows.add(new Object[] {listing.source().name(), listing.externalId(), slot.id().value(), listing.sourceVersion()});
            }
        }
        // Slots first: listings refer to them.
        bulk.insert(new BulkInsert.Batch("availability_slot", SLOT_COLUMNS, slotRows),
                new BulkInsert.Batch("availability_listing", LISTING_COLUMNS, listingRows));
    }

    @Override
    @Transactional
    public void clear() {
        lastCount.set(null);
        jdbc.sql("delete from availability_tombstone").update();
        jdbc.sql("delete from availability_listing").update();
        jdbc.sql("delete from availability_slot").update();
    }
}
