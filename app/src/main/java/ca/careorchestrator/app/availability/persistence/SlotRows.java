package ca.careorchestrator.app.availability.persistence;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.availability.SlotEntry;
import ca.careorchestrator.app.availability.StoredSlot;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.Listing;
import ca.careorchestrator.core.availability.Slot;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.availability.SlotState;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.SourceSystem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Slot rows for the search index (entries) and the booking saga (a slot with its listings, locked or not). */
final class SlotRows {

    private static final int IN_LIST = 500;
    private static final String SLOT = """
            select id, clinic_id, professional_id, service_type, modality, start_at, duration_minutes, state, booked_by,
                   hold_id, hold_expires_at
            from availability_slot""";

    private final JdbcClient jdbc;
    /** Reads the whole table through a cursor: PostgreSQL streams only with a fetch size inside a transaction. */
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;

    SlotRows(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(10_000);
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    void forEachEntry(Instant from, Consumer<SlotEntry> entries, BiConsumer<SlotId, BookingChannel> channels) {
        readOnly.executeWithoutResult(status -> {
            cursor.query(SLOT + " where start_at >= ? and state <> 'WITHDRAWN'", rs -> {
                entries.accept(entry(rs, BookingChannel.PHONE));
            }, utc(from));
            cursor.query("""
                    select l.slot_id, l.source_system, l.deep_link from availability_listing l
                    join availability_slot s on s.id = l.slot_id
                    where not l.gone and s.start_at >= ? and s.state <> 'WITHDRAWN'""", rs -> {
                channels.accept(new SlotId(rs.getObject(1, UUID.class)), channel(rs.getString(2), rs.getString(3)));
            }, utc(from));
        });
    }

    List<SlotEntry> entries(Collection<SlotId> ids) {
        List<SlotEntry> entries = new ArrayList<>(ids.size());
        List<UUID> all = ids.stream().map(SlotId::value).toList();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            List<UUID> chunk = all.subList(i, Math.min(all.size(), i + IN_LIST));
            Map<UUID, BookingChannel> channels = new HashMap<>();
            jdbc.sql("select slot_id, source_system, deep_link from availability_listing where slot_id in (:ids) and not gone")
                    .param("ids", chunk)
                    .query(rs -> {
                        channels.merge(rs.getObject(1, UUID.class), channel(rs.getString(2), rs.getString(3)), SlotRows::better);
                    });
            jdbc.sql(SLOT + " where id in (:ids)").param("ids", chunk).query(rs -> {
                entries.add(entry(rs, channels.getOrDefault(rs.getObject("id", UUID.class), BookingChannel.PHONE)));
            });
        }
        return entries;
    }

    Map<SlotId, String> deepLinks(Collection<SlotId> ids) {
        Map<SlotId, String> links = new HashMap<>();
        List<UUID> all = ids.stream().map(SlotId::value).toList();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            jdbc.sql("""
                            select slot_id, deep_link from availability_listing
                            where slot_id in (:ids) and not gone and deep_link is not null
                            order by source_system, external_id""")
                    .param("ids", all.subList(i, Math.min(all.size(), i + IN_LIST)))
                    .query(rs -> {
                        links.putIfAbsent(new SlotId(rs.getObject(1, UUID.class)), rs.getString(2));
                    });
        }
        return links;
    }

    Optional<StoredSlot> slot(SlotId id, boolean lock) {
        // The slot row first (locked if asked), then its listings: every writer locks in that order.
        Optional<SlotRow> row = jdbc.sql(SLOT + " where id = :id" + (lock ? " for update" : "")).param("id", id.value())
                .query((rs, n) -> new SlotRow(new ClinicId(rs.getObject("clinic_id", UUID.class)),
                        new ProfessionalId(rs.getObject("professional_id", UUID.class)), new ServiceTypeCode(rs.getString("service_type")),
                        Modality.valueOf(rs.getString("modality")), rs.getTimestamp("start_at").toInstant(),
                        Duration.ofMinutes(rs.getInt("duration_minutes")), state(rs)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<ListingRow> listings = listings(id);
        SlotRow r = row.get();
        Slot slot = new Slot(id, r.clinic(), r.professional(), r.service(), r.modality(), r.start(), r.duration(), r.state(),
                listings.stream().map(l -> l.listing().listing()).toList());
        return Optional.of(new StoredSlot(slot, live(listings)));
    }

    private record SlotRow(ClinicId clinic, ProfessionalId professional, ServiceTypeCode service, Modality modality, Instant start,
            Duration duration, SlotState state) {
    }

    /** What a source said of this slot, gone or not. */
    private record ListingRow(StoredSlot.LiveListing listing, boolean gone) {
    }

    private List<ListingRow> listings(SlotId id) {
        return jdbc.sql("""
                        select source_system, external_id, source_version, free, gone, deep_link, booking_phone
                        from availability_listing where slot_id = :id order by source_system, external_id""")
                .param("id", id.value())
                .query((rs, n) -> new ListingRow(new StoredSlot.LiveListing(new Listing(SourceSystem.valueOf(rs.getString("source_system")),
                        rs.getString("external_id"), rs.getLong("source_version")), rs.getBoolean("free"),
                        Optional.ofNullable(rs.getString("deep_link")), Optional.ofNullable(rs.getString("booking_phone"))), rs.getBoolean("gone")))
                .list();
    }

    private static List<StoredSlot.LiveListing> live(List<ListingRow> listings) {
        return listings.stream().filter(l -> !l.gone()).map(ListingRow::listing).toList();
    }

    Optional<Availability.LockedSlot> state(SlotId id, boolean lock) {
        return jdbc.sql("select state, booked_by, hold_id, hold_expires_at, start_at from availability_slot where id = :id"
                        + (lock ? " for update" : ""))
                .param("id", id.value())
                .query((rs, n) -> new Availability.LockedSlot(state(rs), rs.getTimestamp("start_at").toInstant()))
                .optional();
    }

    List<StoredSlot.LiveListing> liveListings(SlotId id) {
        return live(listings(id));
    }

    void store(SlotId id, SlotState next) {
        Object bookedBy = null;
        Object holdId = null;
        Object holdExpiresAt = null;
        switch (next) {
            case SlotState.Booked booked -> bookedBy = booked.by().name();
            case SlotState.Held held -> {
                holdId = held.hold().value();
                holdExpiresAt = utc(held.expiresAt());
            }
            case SlotState.Free free -> {
            }
            case SlotState.Withdrawn withdrawn -> {
            }
        }
        int updated = jdbc.sql("""
                        update availability_slot
                        set state = :state, booked_by = :bookedBy, hold_id = :holdId, hold_expires_at = :holdExpiresAt, version = version + 1
                        where id = :id""")
                .param("state", next.code())
                .param("bookedBy", bookedBy)
                .param("holdId", holdId)
                .param("holdExpiresAt", holdExpiresAt)
                .param("id", id.value())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("slot " + id + " is not stored");
        }
    }

    List<SlotId> expiredHolds(Instant now, int limit) {
        return jdbc.sql("select id from availability_slot where state = 'HELD' and hold_expires_at <= :now order by hold_expires_at limit :limit")
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, n) -> new SlotId(rs.getObject(1, UUID.class)))
                .list();
    }

    private static SlotEntry entry(ResultSet rs, BookingChannel channel) throws SQLException {
        return new SlotEntry(new SlotId(rs.getObject("id", UUID.class)), new ClinicId(rs.getObject("clinic_id", UUID.class)),
                new ProfessionalId(rs.getObject("professional_id", UUID.class)), new ServiceTypeCode(rs.getString("service_type")),
                Modality.valueOf(rs.getString("modality")), rs.getTimestamp("start_at").toInstant(), rs.getInt("duration_minutes"),
                rs.getString("state"), channel);
    }

    private static SlotState state(ResultSet rs) throws SQLException {
        return switch (rs.getString("state")) {
            case "FREE" -> new SlotState.Free();
            case "HELD" -> new SlotState.Held(new HoldId(rs.getObject("hold_id", UUID.class)), rs.getTimestamp("hold_expires_at").toInstant());
            case "BOOKED" -> new SlotState.Booked(SlotState.BookedBy.valueOf(rs.getString("booked_by")));
            case "WITHDRAWN" -> new SlotState.Withdrawn();
            default -> throw new IllegalStateException("unknown slot state " + rs.getString("state"));
        };
    }

    private static BookingChannel channel(String system, String deepLink) {
        return StoredSlot.channel(SourceSystem.valueOf(system), deepLink != null);
    }

    private static BookingChannel better(BookingChannel a, BookingChannel b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
