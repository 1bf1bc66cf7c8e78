package ca.careorchestrator.app.availability.persistence;

import ca.careorchestrator.app.availability.ApplyResult;
import ca.careorchestrator.core.availability.SlotChange;
import ca.careorchestrator.core.care.SourceSystem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies source changes to slots and listings with a few set-wise statements per batch (reads by IN
 * lists, writes by JDBC batches), so an initial sync of millions of slots is not a query per slot.
 */
final class ChangeApplier {

    /** IN lists are cut to this size: PostgreSQL and H2 both take it, and plans stay simple. */
    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final Clock clock;

    private record Known(UUID slotId, long version, boolean gone, boolean absent) {
    }

    private record PhysicalKey(UUID clinic, UUID professional, Instant start) {
        static PhysicalKey of(SlotChange.Published published) {
            return new PhysicalKey(published.clinic().value(), published.professional().value(), published.start());
        }
    }

    ChangeApplier(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = transaction;
    }

    /** What a batch did, and the slots it created or changed (the search index reloads those). */
    record Applied(ApplyResult result, Set<UUID> touched) {
        static final Applied NOTHING = new Applied(ApplyResult.NONE, Set.of());
    }

    Applied apply(SourceSystem source, List<SlotChange> changes, long generation) {
        Map<String, SlotChange> latest = latestPerListing(changes);
        if (latest.isEmpty()) {
            return Applied.NOTHING;
        }
        return retryingDeadlocks(() -> transaction.execute(status -> applyLatest(source, latest, generation)));
    }

    /**
     * Two sources applying at once can meet on the same physical slots; slot rows are locked in id order to
     * avoid it, but a concurrent insert of the same new slot can still deadlock: PostgreSQL aborts one
     * transaction, which is then run again (a few times) before the caller hears of it.
     */
    private static <T> T retryingDeadlocks(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (org.springframework.dao.PessimisticLockingFailureException | org.springframework.dao.DuplicateKeyException e) {
                if (attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Within one batch, only the newest version of each listing counts (an explicit removal wins a tie). */
    private static Map<String, SlotChange> latestPerListing(List<SlotChange> changes) {
        Map<String, SlotChange> latest = new LinkedHashMap<>();
        for (SlotChange change : changes) {
            latest.merge(change.listing().externalId(), change, (a, b) -> supersedes(b, a) ? b : a);
        }
        return latest;
    }

    private static boolean supersedes(SlotChange next, SlotChange current) {
        long a = next.listing().sourceVersion();
        long b = current.listing().sourceVersion();
        return a > b || (a == b && next instanceof SlotChange.Removed && current instanceof SlotChange.Published);
    }

    private Applied applyLatest(SourceSystem source, Map<String, SlotChange> latest, long generation) {
        Map<String, Known> known = known(source, latest.keySet());
        List<Object[]> listingUpdates = new ArrayList<>();
        List<Object[]> serviceUpdates = new ArrayList<>();
        List<Object[]> generationTouches = new ArrayList<>();
        List<SlotChange.Published> unknown = new ArrayList<>();
        List<SlotChange.Removed> unknownRemovals = new ArrayList<>();
        Set<UUID> affected = new HashSet<>();
        int updated = 0;
        int stale = 0;
        for (SlotChange change : latest.values()) {
            Known current = known.get(change.listing().externalId());
            if (current == null) {
                switch (change) {
                    case SlotChange.Published published -> unknown.add(published);
                    case SlotChange.Removed removed -> unknownRemovals.add(removed);
                }
                continue;
            }
            if (isNewer(change, current)) {
                updated++;
                affected.add(current.slotId());
                listingUpdates.add(listingUpdate(source, change, generation));
                if (change instanceof SlotChange.Published published) {
                    serviceUpdates.add(new Object[] {published.service().value(), published.modality().name(), current.slotId()});
                }
            } else {
                stale++;
                if (generation > 0 && change instanceof SlotChange.Published) {
                    generationTouches.add(new Object[] {generation, source.name(), change.listing().externalId()});
                }
            }
        }
        Map<String, Long> tombstones = tombstones(source, unknown, unknownRemovals);
        List<SlotChange.Published> fresh = new ArrayList<>(unknown.size());
        for (SlotChange.Published published : unknown) {
            Long removedAt = tombstones.get(published.listing().externalId());
            if (removedAt != null && removedAt >= published.listing().sourceVersion()) {
                stale++;
            } else {
                fresh.add(published);
            }
        }
        stale += remember(source, unknownRemovals, tombstones);
        lock(affected);
        Set<UUID> touched = new HashSet<>(affected);
        int[] createdAndMerged = insertUnknown(source, fresh, generation, affected, touched);
        template.batchUpdate("""
                update availability_listing
                set source_version = ?, free = ?, gone = ?, absent = false, deep_link = ?, booking_phone = ?,
                    read_generation = greatest(read_generation, ?)
                where source_system = ? and external_id = ?""", listingUpdates);
        template.batchUpdate("update availability_listing set read_generation = ? where source_system = ? and external_id = ?",
                generationTouches);
        template.batchUpdate("update availability_slot set service_type = ?, modality = ? where id = ?", serviceUpdates);
        recompute(affected);
        return new Applied(new ApplyResult(createdAndMerged[0], createdAndMerged[1], updated, stale), touched);
    }

    private static boolean isNewer(SlotChange change, Known current) {
        long incoming = change.listing().sourceVersion();
        return switch (change) {
            // A listing a full read missed comes back when seen again, even at the same version.
            case SlotChange.Published published -> incoming > current.version() || (current.absent() && incoming >= current.version());
            case SlotChange.Removed removed -> incoming > current.version() || (incoming == current.version() && !current.gone());
        };
    }

    private static Object[] listingUpdate(SourceSystem source, SlotChange change, long generation) {
        return switch (change) {
            case SlotChange.Published p -> new Object[] {p.listing().sourceVersion(), p.free(), false, p.deepLink(),
                    p.bookingPhone(), generation, source.name(), p.listing().externalId()};
            case SlotChange.Removed r -> new Object[] {r.listing().sourceVersion(), false, true, null, null, generation,
                    source.name(), r.listing().externalId()};
        };
    }

    /** Locks the slots about to change, in id order (every writer does), so two writers never wait on each other in a circle. */
    private void lock(Set<UUID> slots) {
        for (List<UUID> chunk : chunks(sorted(slots))) {
            jdbc.sql("select id from availability_slot where id in (:ids) order by id for update").param("ids", chunk).query(UUID.class).list();
        }
    }

    private static List<UUID> sorted(Set<UUID> ids) {
        List<UUID> list = new ArrayList<>(ids);
        list.sort(java.util.Comparator.comparing(UUID::toString));
        return list;
    }

    /** Removals already seen for listings not stored yet. */
    private Map<String, Long> tombstones(SourceSystem source, List<SlotChange.Published> unknown, List<SlotChange.Removed> removals) {
        Map<String, Long> found = new HashMap<>();
        List<String> ids = new ArrayList<>(unknown.size() + removals.size());
        unknown.forEach(p -> ids.add(p.listing().externalId()));
        removals.forEach(r -> ids.add(r.listing().externalId()));
        for (List<String> chunk : chunks(ids)) {
            jdbc.sql("select external_id, source_version from availability_tombstone where source_system = :source and external_id in (:ids)")
                    .param("source", source.name())
                    .param("ids", chunk)
                    .query(rs -> {
                        found.put(rs.getString("external_id"), rs.getLong("source_version"));
                    });
        }
        return found;
    }

    /**
     * A removal of a listing never stored changes no slot, but is remembered: if the publication it
     * supersedes arrives later (out of order), that publication is stale. Returns how many such removals.
     */
    private int remember(SourceSystem source, List<SlotChange.Removed> removals, Map<String, Long> tombstones) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (SlotChange.Removed removed : removals) {
            String id = removed.listing().externalId();
            long version = removed.listing().sourceVersion();
            Long known = tombstones.get(id);
            if (known == null) {
                inserts.add(new Object[] {source.name(), id, version});
            } else if (version > known) {
                updates.add(new Object[] {version, source.name(), id});
            }
        }
        template.batchUpdate("insert into availability_tombstone (source_system, external_id, source_version) values (?, ?, ?)", inserts);
        template.batchUpdate("update availability_tombstone set source_version = ? where source_system = ? and external_id = ?", updates);
        return removals.size();
    }

    /** New listings join the physical slot another channel published, or make a new slot. Returns {created, merged}. */
    private int[] insertUnknown(SourceSystem source, List<SlotChange.Published> unknown, long generation, Set<UUID> affected,
            Set<UUID> touched) {
        if (unknown.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<PhysicalKey, UUID> physical = physicalSlots(unknown);
        List<Object[]> slotRows = new ArrayList<>();
        OffsetDateTime publishedAt = utc(clock.instant());
        List<Object[]> listingRows = new ArrayList<>();
        int created = 0;
        int merged = 0;
        for (SlotChange.Published p : unknown) {
            PhysicalKey key = PhysicalKey.of(p);
            UUID slotId = physical.get(key);
            if (slotId == null) {
                slotId = UUID.nameUUIDFromBytes(("slot:" + source.name() + ":" + p.listing().externalId()).getBytes(StandardCharsets.UTF_8));
                physical.put(key, slotId);
                touched.add(slotId);
                created++;
                slotRows.add(new Object[] {slotId, p.clinic().value(), p.professional().value(), p.service().value(),
                        p.modality().name(), utc(p.start()), (int) p.duration().toMinutes(), p.free() ? "FREE" : "BOOKED",
                        p.free() ? null : "SOURCE", publishedAt, p.clinic().value()});
            } else {
                merged++;
                affected.add(slotId);
                touched.add(slotId);
            }
            listingRows.add(new Object[] {source.name(), p.listing().externalId(), slotId, p.listing().sourceVersion(), p.free(),
                    p.deepLink(), p.bookingPhone(), generation});
        }
        // The clinic's region is copied onto the slot (searches go by region); the clinic row must exist.
        template.batchUpdate("""
                insert into availability_slot
                    (id, clinic_id, professional_id, region_code, service_type, modality, start_at, duration_minutes, state, booked_by,
                     published_at)
                select ?, ?, ?, c.region_code, ?, ?, ?, ?, ?, ?, ? from directory_clinic c where c.id = ?""", slotRows);
        template.batchUpdate("""
                insert into availability_listing
                    (source_system, external_id, slot_id, source_version, free, deep_link, booking_phone, read_generation)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", listingRows);
        return new int[] {created, merged};
    }

    private Map<PhysicalKey, UUID> physicalSlots(List<SlotChange.Published> unknown) {
        Map<PhysicalKey, UUID> found = new HashMap<>();
        Set<UUID> clinics = new HashSet<>();
        Instant min = Instant.MAX;
        Instant max = Instant.MIN;
        for (SlotChange.Published p : unknown) {
            clinics.add(p.clinic().value());
            min = p.start().isBefore(min) ? p.start() : min;
            max = p.start().isAfter(max) ? p.start() : max;
        }
        for (List<UUID> chunk : chunks(new ArrayList<>(clinics))) {
            jdbc.sql("""
                            select id, clinic_id, professional_id, start_at from availability_slot
                            where clinic_id in (:clinics) and start_at between :min and :max""")
                    .param("clinics", chunk)
                    .param("min", utc(min))
                    .param("max", utc(max))
                    .query(rs -> {
                        found.put(new PhysicalKey(rs.getObject("clinic_id", UUID.class), rs.getObject("professional_id", UUID.class),
                                rs.getTimestamp("start_at").toInstant()), rs.getObject("id", UUID.class));
                    });
        }
        return found;
    }

    private Map<String, Known> known(SourceSystem source, Set<String> externalIds) {
        Map<String, Known> known = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(externalIds))) {
            jdbc.sql("""
                            select external_id, slot_id, source_version, gone, absent from availability_listing
                            where source_system = :source and external_id in (:ids)""")
                    .param("source", source.name())
                    .param("ids", chunk)
                    .query(rs -> {
                        known.put(rs.getString("external_id"), new Known(rs.getObject("slot_id", UUID.class),
                                rs.getLong("source_version"), rs.getBoolean("gone"), rs.getBoolean("absent")));
                    });
        }
        return known;
    }

    Applied withdrawUnseen(SourceSystem source, long generation, Instant from) {
        Applied applied = retryingDeadlocks(() -> transaction.execute(status -> {
            List<Object[]> unseen = new ArrayList<>();
            Set<UUID> affected = new HashSet<>();
            jdbc.sql("""
                            select l.external_id, l.slot_id from availability_listing l
                            join availability_slot s on s.id = l.slot_id
                            where l.source_system = :source and l.read_generation < :generation and not l.gone and s.start_at >= :from""")
                    .param("source", source.name())
                    .param("generation", generation)
                    .param("from", utc(from))
                    .query(rs -> {
                        unseen.add(new Object[] {source.name(), rs.getString("external_id")});
                        affected.add(rs.getObject("slot_id", UUID.class));
                    });
            lock(affected);
            template.batchUpdate("update availability_listing set gone = true, absent = true where source_system = ? and external_id = ?", unseen);
            recompute(affected);
            return new Applied(new ApplyResult(0, 0, unseen.size(), 0), affected);
        }));
        return applied == null ? Applied.NOTHING : applied;
    }

    /**
     * A slot's state follows its listings: any listing taken means booked at the source, all gone means
     * withdrawn, otherwise free. A slot the orchestrator booked is left to the booking saga; a slot held here
     * stays held while the source still offers it, but the source's word wins: taken or withdrawn there ends
     * the hold (the patient's confirmation then fails with the reason).
     */
    private void recompute(Set<UUID> slots) {
        for (List<UUID> chunk : chunks(sorted(slots))) {
            Map<UUID, String> current = new HashMap<>();
            jdbc.sql("select id, state, booked_by from availability_slot where id in (:ids) order by id for update")
                    .param("ids", chunk)
                    .query(rs -> {
                        String bookedBy = rs.getString("booked_by");
                        current.put(rs.getObject("id", UUID.class), rs.getString("state") + (bookedBy == null ? "" : "/" + bookedBy));
                    });
            Map<UUID, int[]> tally = new HashMap<>(); // {live, taken}
            jdbc.sql("select slot_id, free, gone from availability_listing where slot_id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        int[] counts = tally.computeIfAbsent(rs.getObject("slot_id", UUID.class), id -> new int[2]);
                        if (!rs.getBoolean("gone")) {
                            counts[0]++;
                            if (!rs.getBoolean("free")) {
                                counts[1]++;
                            }
                        }
                    });
            List<Object[]> updates = new ArrayList<>();
            current.forEach((id, state) -> {
                if (state.equals("BOOKED/ORCHESTRATOR")) {
                    return;
                }
                int[] counts = tally.getOrDefault(id, new int[2]);
                String next = counts[0] == 0 ? "WITHDRAWN" : counts[1] > 0 ? "BOOKED/SOURCE" : state.equals("HELD") ? "HELD" : "FREE";
                if (!next.equals(state)) {
                    String[] parts = next.split("/");
                    updates.add(new Object[] {parts[0], parts.length > 1 ? parts[1] : null, id});
                }
            });
            template.batchUpdate("""
                    update availability_slot set state = ?, booked_by = ?, hold_id = null, hold_expires_at = null, version = version + 1
                    where id = ?""", updates);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return chunks;
    }
}
