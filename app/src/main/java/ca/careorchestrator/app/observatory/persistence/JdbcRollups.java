package ca.careorchestrator.app.observatory.persistence;

import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.Rollups;
import ca.careorchestrator.core.geo.RegionCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rollups rewritten from the record. Big counts (slots published, slots of a day) are grouped in SQL; the day's
 * bookings, cancellations and care requests, a few thousand at most per region, are read row by row and bucketed here
 * (the minutes between two instants are not written the same way in PostgreSQL and H2).
 */
@Repository
class JdbcRollups implements Rollups {

    private static final List<Measure> SUPPLY = Measure.of(Dataset.SUPPLY);
    private static final String SUPPLY_COLUMNS = RollupColumns.SUPPLY;
    private static final String SUPPLY_SUMS = RollupColumns.SUPPLY_SUMS;
    /** Quoted names, instants and numbers in a quarantine reason: "no mapping for service code 'X9' in rvsq.tsv" is one reason. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\S*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private record Cell(UUID clinic, String service, String profession) {
    }

    private record DemandCell(String localNetwork, String service) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final MonthSums months;

    JdbcRollups(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, MonthSums months) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = transaction;
        this.months = months;
    }

    @Override
    public int rewrite(Day day, RegionCode region) {
        Map<Cell, long[]> cells = new HashMap<>();
        published(day, region, cells);
        slotsOfTheDay(day, region, cells);
        booked(day, region, cells);
        cancelled(day, region, cells);
        noShows(day, region, cells);
        Map<DemandCell, long[]> demand = waitlist(day, region);
        Map<UUID, String> networks = new HashMap<>();
        jdbc.sql("select id, local_network_code from directory_clinic where region_code = :region")
                .param("region", region.value())
                .query(rs -> {
                    networks.put(rs.getObject("id", UUID.class), rs.getString("local_network_code").strip());
                });
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from observatory_clinic_day where day = :day and region_code = :region")
                    .param("day", day.date()).param("region", region.value()).update();
            List<Object[]> rows = new ArrayList<>(cells.size());
            cells.forEach((cell, values) -> {
                Object[] row = new Object[6 + values.length];
                row[0] = day.date();
                row[1] = cell.clinic();
                row[2] = region.value();
                row[3] = networks.get(cell.clinic());
                row[4] = cell.service();
                row[5] = cell.profession();
                for (int i = 0; i < values.length; i++) {
                    row[6 + i] = values[i];
                }
                rows.add(row);
            });
            template.batchUpdate("insert into observatory_clinic_day (day, clinic_id, region_code, local_network_code, service_type, profession, "
                    + SUPPLY_COLUMNS + ") values (?, ?, ?, ?, ?, ?" + ", ?".repeat(SUPPLY.size()) + ")", rows);
            // The area rows are the clinic rows' sums, so the two always agree.
            jdbc.sql("delete from observatory_area_day where day = :day and region_code = :region")
                    .param("day", day.date()).param("region", region.value()).update();
            jdbc.sql("insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, " + SUPPLY_COLUMNS
                            + ") select day, 'RLS', local_network_code, region_code, service_type, profession, " + SUPPLY_SUMS
                            + " from observatory_clinic_day where day = :day and region_code = :region"
                            + " group by day, local_network_code, region_code, service_type, profession")
                    .param("day", day.date()).param("region", region.value()).update();
            jdbc.sql("insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, " + SUPPLY_COLUMNS
                            + ") select day, 'RSS', region_code, region_code, service_type, profession, " + SUPPLY_SUMS
                            + " from observatory_clinic_day where day = :day and region_code = :region"
                            + " group by day, region_code, service_type, profession")
                    .param("day", day.date()).param("region", region.value()).update();
            rewriteDemand(day.date(), region, demand);
            YearMonth month = YearMonth.from(day.date());
            if (months.written(month)) {
                months.rewrite(month, region.value()); // a day of a month already summed: the sums follow
            }
        });
        return cells.size();
    }

    private static long[] cell(Map<Cell, long[]> cells, ResultSet rs) throws SQLException {
        return cells.computeIfAbsent(new Cell(rs.getObject("clinic_id", UUID.class), rs.getString("service_type"), rs.getString("profession")),
                k -> new long[SUPPLY.size()]);
    }

    private static void add(long[] values, Measure measure, long count) {
        values[SUPPLY.indexOf(measure)] += count;
    }

    /** Slots first seen that day, by modality and by lead time (days from publication to start). */
    private void published(Day day, RegionCode region, Map<Cell, long[]> cells) {
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, count(*) as published,
                            sum(case when s.modality = 'IN_PERSON' then 1 else 0 end) as in_person,
                            sum(case when s.modality = 'PHONE' then 1 else 0 end) as phone,
                            sum(case when s.modality = 'VIDEO' then 1 else 0 end) as video,
                            sum(case when s.start_at < s.published_at + interval '2' day then 1 else 0 end) as lead_0_1,
                            sum(case when s.start_at >= s.published_at + interval '2' day
                                      and s.start_at < s.published_at + interval '8' day then 1 else 0 end) as lead_2_7,
                            sum(case when s.start_at >= s.published_at + interval '8' day
                                      and s.start_at < s.published_at + interval '31' day then 1 else 0 end) as lead_8_30,
                            sum(case when s.start_at >= s.published_at + interval '31' day then 1 else 0 end) as lead_31_plus
                        from availability_slot s join directory_professional p on p.id = s.professional_id
                        where s.region_code = :region and s.published_at >= :from and s.published_at < :to
                        group by s.clinic_id, s.service_type, p.profession""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    long[] values = cell(cells, rs);
                    add(values, Measure.PUBLISHED, rs.getLong("published"));
                    add(values, Measure.PUBLISHED_IN_PERSON, rs.getLong("in_person"));
                    add(values, Measure.PUBLISHED_PHONE, rs.getLong("phone"));
                    add(values, Measure.PUBLISHED_VIDEO, rs.getLong("video"));
                    add(values, Measure.PUBLISHED_LEAD_0_1, rs.getLong("lead_0_1"));
                    add(values, Measure.PUBLISHED_LEAD_2_7, rs.getLong("lead_2_7"));
                    add(values, Measure.PUBLISHED_LEAD_8_30, rs.getLong("lead_8_30"));
                    add(values, Measure.PUBLISHED_LEAD_31_PLUS, rs.getLong("lead_31_plus"));
                });
    }

    /** Slots starting that day: used (booked anywhere), unused (still free or held), withdrawn. */
    private void slotsOfTheDay(Day day, RegionCode region, Map<Cell, long[]> cells) {
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession,
                            sum(case when s.state = 'BOOKED' then 1 else 0 end) as used,
                            sum(case when s.state = 'BOOKED' and s.booked_by = 'ORCHESTRATOR' then 1 else 0 end) as used_here,
                            sum(case when s.state in ('FREE', 'HELD') then 1 else 0 end) as unused,
                            sum(case when s.state = 'WITHDRAWN' then 1 else 0 end) as withdrawn
                        from availability_slot s join directory_professional p on p.id = s.professional_id
                        where s.region_code = :region and s.start_at >= :from and s.start_at < :to
                        group by s.clinic_id, s.service_type, p.profession""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    long[] values = cell(cells, rs);
                    long used = rs.getLong("used");
                    long unused = rs.getLong("unused");
                    add(values, Measure.OFFERED, used + unused);
                    add(values, Measure.USED, used);
                    add(values, Measure.USED_HERE, rs.getLong("used_here"));
                    add(values, Measure.UNUSED, unused);
                    add(values, Measure.WITHDRAWN, rs.getLong("withdrawn"));
                });
    }

    /** Appointments the orchestrator made that the source confirmed that day: channel, stage, orphan, wait. */
    private void booked(Day day, RegionCode region, Map<Cell, long[]> cells) {
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, s.start_at, a.requested_at, a.admission_audience,
                            h.actor_kind, r.filed_at, per.id as person, per.registered_professional_id
                        from booking_appointment a
                            join availability_slot s on s.id = a.slot_id
                            join directory_professional p on p.id = s.professional_id
                            left join booking_hold h on h.id = a.hold_id
                            left join waitlist_request r on h.actor_kind = 'WAITLIST' and cast(r.id as varchar(36)) = h.actor_id
                            left join identity_person per on per.id = a.patient_ref
                        where s.region_code = :region and a.settled_at >= :from and a.settled_at < :to
                          and a.state in ('CONFIRMED', 'CANCELLED', 'FULFILLED', 'NO_SHOW')""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    long[] values = cell(cells, rs);
                    add(values, Measure.BOOKED, 1);
                    String actor = rs.getString("actor_kind");
                    add(values, switch (actor == null ? "" : actor) {
                        case "PATIENT" -> Measure.BOOKED_PATIENT;
                        case "PARTNER" -> Measure.BOOKED_PARTNER;
                        case "ACCESS_DESK" -> Measure.BOOKED_DESK;
                        case "CLINIC_STAFF" -> Measure.BOOKED_STAFF;
                        case "WAITLIST" -> Measure.BOOKED_WAITLIST;
                        default -> Measure.BOOKED_OTHER;
                    }, 1);
                    String audience = rs.getString("admission_audience");
                    add(values, switch (audience == null ? "" : audience) {
                        case "REGISTERED_WITH_CLINIC" -> Measure.BOOKED_STAGE_REGISTERED_CLINIC;
                        case "REGISTERED_WITH_PROFESSIONAL" -> Measure.BOOKED_STAGE_REGISTERED_PROFESSIONAL;
                        case "REFERRED_ORPHAN" -> Measure.BOOKED_STAGE_REFERRED_ORPHAN;
                        case "AGE_BAND" -> Measure.BOOKED_STAGE_AGE_BAND;
                        case "RESIDENT_OF" -> Measure.BOOKED_STAGE_RESIDENT_OF;
                        case "ANY_INSURED" -> Measure.BOOKED_STAGE_ANY_INSURED;
                        default -> Measure.BOOKED_NO_POLICY;
                    }, 1);
                    if (rs.getObject("person") != null && rs.getObject("registered_professional_id") == null) {
                        add(values, Measure.BOOKED_ORPHAN, 1);
                    }
                    Timestamp filed = rs.getTimestamp("filed_at");
                    Instant asked = (filed != null ? filed : rs.getTimestamp("requested_at")).toInstant();
                    long minutes = Math.max(0, Duration.between(asked, rs.getTimestamp("start_at").toInstant()).toMinutes());
                    add(values, Measure.WAIT_MINUTES_TOTAL, minutes);
                    long days = minutes / 1440;
                    add(values, days <= 1 ? Measure.WAIT_0_1 : days <= 7 ? Measure.WAIT_2_7 : days <= 14 ? Measure.WAIT_8_14
                            : days <= 30 ? Measure.WAIT_15_30 : days <= 60 ? Measure.WAIT_31_60 : Measure.WAIT_61_PLUS, 1);
                });
    }

    /** Appointments cancelled that day, by who asked. */
    private void cancelled(Day day, RegionCode region, Map<Cell, long[]> cells) {
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, a.cancelled_by, count(*) as cancelled
                        from booking_appointment a
                            join availability_slot s on s.id = a.slot_id
                            join directory_professional p on p.id = s.professional_id
                        where s.region_code = :region and a.state = 'CANCELLED' and a.ended_at >= :from and a.ended_at < :to
                        group by s.clinic_id, s.service_type, p.profession, a.cancelled_by""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    long[] values = cell(cells, rs);
                    long count = rs.getLong("cancelled");
                    add(values, Measure.CANCELLED, count);
                    String by = rs.getString("cancelled_by");
                    add(values, switch (by == null ? "" : by) {
                        case "PATIENT" -> Measure.CANCELLED_PATIENT;
                        case "PARTNER" -> Measure.CANCELLED_PARTNER;
                        case "ACCESS_DESK" -> Measure.CANCELLED_DESK;
                        case "CLINIC_STAFF" -> Measure.CANCELLED_STAFF;
                        case "SOURCE" -> Measure.CANCELLED_SOURCE;
                        default -> Measure.CANCELLED_OTHER;
                    }, count);
                });
    }

    /** Appointments of that day the clinic recorded as missed. */
    private void noShows(Day day, RegionCode region, Map<Cell, long[]> cells) {
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, count(*) as missed
                        from booking_appointment a
                            join availability_slot s on s.id = a.slot_id
                            join directory_professional p on p.id = s.professional_id
                        where s.region_code = :region and a.state = 'NO_SHOW' and s.start_at >= :from and s.start_at < :to
                        group by s.clinic_id, s.service_type, p.profession""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    add(cell(cells, rs), Measure.NO_SHOWS, rs.getLong("missed"));
                });
    }

    /** Care requests of the region's postal areas filed or ended that day. */
    private Map<DemandCell, long[]> waitlist(Day day, RegionCode region) {
        Map<DemandCell, long[]> demand = new HashMap<>();
        jdbc.sql("""
                        select pa.local_network_code, r.service, r.state, r.filed_at, r.ended_at
                        from waitlist_request r
                            join directory_postal_area pa on pa.fsa = r.fsa
                            join directory_local_network n on n.code = pa.local_network_code
                        where n.region_code = :region
                          and ((r.filed_at >= :from and r.filed_at < :to) or (r.ended_at >= :from and r.ended_at < :to))""")
                .param("region", region.value()).param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    long[] values = demand.computeIfAbsent(new DemandCell(rs.getString("local_network_code").strip(), rs.getString("service")),
                            k -> new long[5]);
                    Instant filed = rs.getTimestamp("filed_at").toInstant();
                    if (!filed.isBefore(day.from()) && filed.isBefore(day.to())) {
                        values[0]++;
                    }
                    Timestamp ended = rs.getTimestamp("ended_at");
                    if (ended != null && !ended.toInstant().isBefore(day.from()) && ended.toInstant().isBefore(day.to())) {
                        switch (rs.getString("state")) {
                            case "FULFILLED" -> values[1]++;
                            case "EXPIRED" -> values[2]++;
                            case "WITHDRAWN" -> values[3]++;
                            default -> throw new IllegalStateException("an ended care request is FULFILLED, EXPIRED or WITHDRAWN");
                        }
                        values[4] += Math.max(0, Duration.between(filed, ended.toInstant()).toMinutes());
                    }
                });
        return demand;
    }

    /** The demand rows of the day and region: the waitlist figures rewritten, the searches counted so far kept. */
    private void rewriteDemand(LocalDate day, RegionCode region, Map<DemandCell, long[]> waitlist) {
        Map<DemandCell, long[]> searches = new LinkedHashMap<>();
        jdbc.sql("""
                        select local_network_code, service_type, searches, searches_unmet from observatory_demand_day
                        where day = :day and region_code = :region and (searches > 0 or searches_unmet > 0)""")
                .param("day", day).param("region", region.value())
                .query(rs -> {
                    searches.put(new DemandCell(rs.getString("local_network_code").strip(), rs.getString("service_type")),
                            new long[] {rs.getLong("searches"), rs.getLong("searches_unmet")});
                });
        jdbc.sql("delete from observatory_demand_day where day = :day and region_code = :region")
                .param("day", day).param("region", region.value()).update();
        Map<DemandCell, Object[]> rows = new LinkedHashMap<>();
        searches.forEach((cell, counts) -> rows.put(cell, new Object[] {day, region.value(), cell.localNetwork(), cell.service(),
                counts[0], counts[1], 0L, 0L, 0L, 0L, 0L}));
        waitlist.forEach((cell, values) -> {
            Object[] row = rows.computeIfAbsent(cell, c -> new Object[] {day, region.value(), c.localNetwork(), c.service(), 0L, 0L, 0L, 0L,
                    0L, 0L, 0L});
            for (int i = 0; i < values.length; i++) {
                row[6 + i] = values[i];
            }
        });
        template.batchUpdate("""
                insert into observatory_demand_day (day, region_code, local_network_code, service_type, searches, searches_unmet,
                    waitlist_entries, exits_booked, exits_expired, exits_withdrawn, waited_minutes_total)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new ArrayList<>(rows.values()));
    }

    @Override
    public void rewriteProvince(Day day) {
        Map<List<String>, Long> quarantined = new HashMap<>();
        jdbc.sql("select source_system, reason from ingestion_quarantine where received_at >= :from and received_at < :to")
                .param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    quarantined.merge(List.of(rs.getString("source_system"), reasonKind(rs.getString("reason"))), 1L, Long::sum);
                });
        List<Object[]> flags = new ArrayList<>();
        jdbc.sql("""
                        select signal, actor_kind, count(*) as flags from fairness_flag where raised_at >= :from and raised_at < :to
                        group by signal, actor_kind""")
                .param("from", utc(day.from())).param("to", utc(day.to()))
                .query(rs -> {
                    flags.add(new Object[] {day.date(), rs.getString("signal"), rs.getString("actor_kind"), rs.getLong("flags")});
                });
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from observatory_quarantine_day where day = :day").param("day", day.date()).update();
            template.batchUpdate("insert into observatory_quarantine_day (day, source_system, reason, quarantined) values (?, ?, ?, ?)",
                    quarantined.entrySet().stream().map(e -> new Object[] {day.date(), e.getKey().get(0), e.getKey().get(1), e.getValue()})
                            .toList());
            jdbc.sql("delete from observatory_fairness_day where day = :day").param("day", day.date()).update();
            template.batchUpdate("insert into observatory_fairness_day (day, signal, actor_kind, flags) values (?, ?, ?, ?)", flags);
        });
    }

    /** The reason without what differs from one record to the next (codes, names, instants, numbers), at most 120 characters. */
    static String reasonKind(String reason) {
        String kind = NUMBER.matcher(INSTANT.matcher(QUOTED.matcher(reason).replaceAll("'…'")).replaceAll("…")).replaceAll("N");
        return kind.length() <= 120 ? kind : kind.substring(0, 120);
    }

    @Override
    public void addSearches(List<SearchCount> counts) {
        for (SearchCount count : counts) {
            int updated = jdbc.sql("""
                            update observatory_demand_day set searches = searches + :searches, searches_unmet = searches_unmet + :unmet
                            where day = :day and region_code = :region and local_network_code = :network and service_type = :service""")
                    .param("searches", count.searches()).param("unmet", count.unmet()).param("day", count.day())
                    .param("region", count.region().value()).param("network", count.localNetwork()).param("service", count.service())
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into observatory_demand_day (day, region_code, local_network_code, service_type, searches, searches_unmet)
                                values (:day, :region, :network, :service, :searches, :unmet)""")
                        .param("searches", count.searches()).param("unmet", count.unmet()).param("day", count.day())
                        .param("region", count.region().value()).param("network", count.localNetwork()).param("service", count.service())
                        .update();
            }
        }
        // Searches of a month already summed (counted just before its last day was settled): the sums follow.
        record RegionMonth(YearMonth month, String region) {
        }
        counts.stream().map(c -> new RegionMonth(YearMonth.from(c.day()), c.region().value())).distinct()
                .filter(m -> months.written(m.month()))
                .forEach(m -> transaction.executeWithoutResult(status -> months.rewrite(m.month(), m.region())));
    }

    @Override
    public void settleMonth(YearMonth month, List<RegionCode> regions, Instant at) {
        for (RegionCode region : regions) {
            transaction.executeWithoutResult(status -> months.rewrite(month, region.value()));
        }
        months.markWritten(month, at);
    }

    @Override
    public List<YearMonth> monthsToSettle(YearMonth from, YearMonth before) {
        return months.unwritten(from, before);
    }

    @Override
    public void writeAccess(LocalDate day, Instant at, RegionCode region, List<Access> measures) {
        List<Object[]> rows = measures.stream().map(m -> new Object[] {day, m.clinic(), region.value(), m.localNetwork(),
                m.thirdNextMinutes().isPresent() ? m.thirdNextMinutes().getAsInt() : null, m.freeAhead(), utc(at)}).toList();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from observatory_access_day where day = :day and region_code = :region")
                    .param("day", day).param("region", region.value()).update();
            template.batchUpdate("""
                    insert into observatory_access_day (day, clinic_id, region_code, local_network_code, third_next_minutes, free_ahead,
                        measured_at) values (?, ?, ?, ?, ?, ?, ?)""", rows);
        });
    }

    @Override
    public void sampleLag(LocalDate day, Map<String, Long> lagSeconds) {
        lagSeconds.forEach((source, lag) -> {
            int updated = jdbc.sql("""
                            update observatory_source_day set lag_samples = lag_samples + 1, lag_seconds_total = lag_seconds_total + :lag,
                                lag_seconds_max = case when lag_seconds_max < :lag then :lag else lag_seconds_max end
                            where day = :day and source_system = :source""")
                    .param("lag", lag).param("day", day).param("source", source).update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into observatory_source_day (day, source_system, lag_samples, lag_seconds_total, lag_seconds_max)
                                values (:day, :source, 1, :lag, :lag)""")
                        .param("lag", lag).param("day", day).param("source", source).update();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
