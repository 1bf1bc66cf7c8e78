package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.NoShowOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.app.waitlist.CareRequestView;
import ca.careorchestrator.app.waitlist.FileOutcome;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.simulator.province.Preset;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A simulated month on the record (PostgreSQL), against the simulated platforms: every day patients, partners and the
 * access desk search and book, some cancel, clinics record no-shows, patients file and withdraw care requests, the
 * clock moves on and the recorder refreshes. Then every rollup cell is compared with what the slot, appointment and
 * waitlist rows say, counted here in Java from the raw rows (not with the recorder's SQL): they must agree exactly, and
 * the RLS and RSS rows must be the sums of the clinic rows.
 */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=6", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1h", "care.ingestion.timeout=5s",
        "care.booking.expiry-interval=1h", "care.observatory.refresh-interval=1h"})
class ObservatoryReconciliationIT {

    private static final List<String> CHANNELS = List.of("PATIENT", "PARTNER", "ACCESS_DESK");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        PostgresDatabase.useFreshSchema(registry, "care_observatory_it");
    }

    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    Catalog catalog;
    @Autowired
    Bookings bookings;
    @Autowired
    Waitlist waitlist;
    @Autowired
    InsuredPeople people;
    @Autowired
    ObservatoryRecorder recorder;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private List<Patient> residents;
    private final Map<LocalDate, Integer> searchesByDay = new TreeMap<>();
    private final Map<LocalDate, Integer> unmetByDay = new TreeMap<>();

    private record Booked(AppointmentView appointment, PatientIdentity patient, ClinicId clinic, Instant start) {
    }

    @BeforeAll
    void everySourceUp() throws InterruptedException {
        Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        residents = Residents.of(Preset.TINY, 6, clock).stream().map(r -> r.patient()).toList();
    }

    @Test
    void aMonthOfRollupsAgreesWithTheRecord() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(7);
        RegionCode region = new RegionCode("11");
        List<Booked> live = new ArrayList<>();
        int nextPatient = 0;
        int booked = 0;
        int cancelled = 0;
        int missed = 0;
        int filed = 0;
        LocalDate simulationStart = LocalDate.ofInstant(clock.instant(), ObservatoryRecorder.QUEBEC);
        for (int day = 0; day < 30; day++) {
            for (int i = 0; i < 8; i++) {
                Instant from = clock.instant().plus(Duration.ofHours(2 + random.nextInt(24 * 6)));
                // Some searches ask for a window too short or too far to find anything: unmet demand.
                Duration window = random.nextInt(6) == 0 ? Duration.ofMinutes(1) : Duration.ofDays(3);
                Instant searchFrom = random.nextInt(8) == 0 ? clock.instant().plus(Duration.ofDays(200)) : from;
                List<SlotHit> hits = catalog.search(new SlotQuery(Optional.of(region), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), searchFrom, searchFrom.plus(window), SlotQuery.Order.SOONEST, 0, 20)).hits();
                LocalDate today = LocalDate.ofInstant(clock.instant(), ObservatoryRecorder.QUEBEC);
                searchesByDay.merge(today, 1, Integer::sum);
                unmetByDay.merge(today, hits.isEmpty() ? 1 : 0, Integer::sum);
                Optional<SlotHit> hit = hits.stream().filter(h -> h.channel() == BookingChannel.API).findFirst();
                if (hit.isEmpty()) {
                    continue;
                }
                PatientIdentity patient = identity(residents.get(nextPatient++ % residents.size()));
                String kind = CHANNELS.get(random.nextInt(CHANNELS.size()));
                Actor actor = kind.equals("PATIENT") ? Actor.patient(patient.ref()) : new Actor(Actor.Kind.valueOf(kind), kind.toLowerCase() + "-1");
                if (bookings.hold(hit.get().id(), patient, actor) instanceof HoldOutcome.Held held
                        && bookings.confirm(held.hold().id(), patient) instanceof BookOutcome.Confirmed confirmed) {
                    live.add(new Booked(confirmed.appointment(), patient, hit.get().clinic(), hit.get().start()));
                    booked++;
                }
            }
            // A few cancellations of appointments still ahead, by the patient or a partner.
            for (Booked b : List.copyOf(live)) {
                if (b.start().isAfter(clock.instant()) && random.nextInt(6) == 0) {
                    Actor actor = random.nextBoolean() ? Actor.patient(b.patient().ref()) : new Actor(Actor.Kind.PARTNER, "partner-1");
                    if (bookings.cancel(b.appointment().id(), b.patient(), actor) instanceof CancelOutcome.Cancelled) {
                        live.remove(b);
                        cancelled++;
                    }
                }
            }
            // Clinics record some patients who did not come.
            for (Booked b : List.copyOf(live)) {
                if (!b.start().isAfter(clock.instant()) && random.nextInt(5) == 0) {
                    assertThat(bookings.recordNoShow(b.appointment().id(), b.clinic())).isInstanceOf(NoShowOutcome.Recorded.class);
                    missed++;
                }
                if (!b.start().isAfter(clock.instant())) {
                    live.remove(b);
                }
            }
            // Care requests filed, some withdrawn the same week.
            Patient waiter = residents.get(residents.size() - 1 - day);
            FileOutcome outcome = waitlist.file(new Waitlist.Filing(waiter.id(), new ca.careorchestrator.core.care.ServiceTypeCode("follow-up"),
                    waiter.home(), 30, clock.instant().plus(Duration.ofDays(20)), clock.instant().plus(Duration.ofDays(40)),
                    Set.of(Modality.IN_PERSON)));
            if (outcome instanceof FileOutcome.Filed f) {
                filed++;
                if (random.nextBoolean()) {
                    waitlist.withdraw(f.request().request().id(), waiter.id());
                }
            }
            recorder.refresh();
            clock.advance(Duration.ofHours(random.nextInt(3) == 0 ? 5 : 23));
        }
        clock.advance(Duration.ofDays(1));
        recorder.refresh();

        assertThat(booked).as("bookings made").isGreaterThan(60);
        assertThat(cancelled).as("cancellations").isGreaterThan(5);
        assertThat(missed).as("no-shows").isGreaterThan(3);
        assertThat(filed).as("care requests").isGreaterThan(10);
        LocalDate first = LocalDate.ofInstant(clock.instant().minus(Duration.ofDays(40)), ObservatoryRecorder.QUEBEC);
        LocalDate last = LocalDate.ofInstant(clock.instant(), ObservatoryRecorder.QUEBEC).minusDays(1);

        Map<String, Long> expected = truth(first, last);
        Map<String, Long> actual = rollups(first, last);
        Map<String, String> differences = new TreeMap<>();
        for (String key : union(expected.keySet(), actual.keySet())) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, "record " + expected.get(key) + ", rollup " + actual.get(key));
            }
        }
        assertThat(differences).as("cells where the rollups differ from the record").isEmpty();
        assertThat(expected.keySet().stream().filter(k -> k.contains("|booked|")).count()).as("days with bookings").isGreaterThan(10);
        assertThat(expected.keySet().stream().filter(k -> k.contains("|no_shows|")).count()).isGreaterThan(2);

        // Area rows are the clinic rows' sums, at both levels.
        for (String level : List.of("RLS", "RSS")) {
            String group = level.equals("RLS") ? "local_network_code" : "region_code";
            List<String> mismatches = jdbc.sql("""
                            select a.day, a.area_code from observatory_area_day a
                            left join (select day, %1$s as code, service_type, profession, sum(booked) as booked, sum(offered) as offered,
                                          sum(published) as published, sum(cancelled) as cancelled, sum(wait_minutes_total) as wait
                                       from observatory_clinic_day group by day, %1$s, service_type, profession) c
                              on c.day = a.day and c.code = a.area_code and c.service_type = a.service_type and c.profession = a.profession
                            where a.level = :level and (c.day is null or c.booked <> a.booked or c.offered <> a.offered
                                or c.published <> a.published or c.cancelled <> a.cancelled or c.wait <> a.wait_minutes_total)""".formatted(group))
                    .param("level", level).query((rs, row) -> rs.getString(1) + " " + rs.getString(2)).list();
            assertThat(mismatches).as(level + " rows that are not the sum of their clinics").isEmpty();
        }

        // The months whose last day was settled are summed, and their rows are the sums of their days, in all three tables.
        List<LocalDate> summed = jdbc.sql("select month from observatory_month_written order by month").query(LocalDate.class).list();
        LocalDate monthEnd = first.withDayOfMonth(first.lengthOfMonth());
        for (; !monthEnd.isAfter(last); monthEnd = monthEnd.plusMonths(1).withDayOfMonth(monthEnd.plusMonths(1).lengthOfMonth())) {
            if (!monthEnd.isBefore(simulationStart)) {
                assertThat(summed).as("the month ended on " + monthEnd).contains(monthEnd.withDayOfMonth(1));
            }
        }
        record Summed(String table, String keys, String measures) {
        }
        for (Summed table : List.of(new Summed("observatory_clinic", "clinic_id, service_type, profession", "booked, offered, published, no_shows"),
                new Summed("observatory_area", "level, area_code, service_type, profession", "booked, offered, cancelled, wait_minutes_total"),
                new Summed("observatory_demand", "region_code, local_network_code, service_type", "searches, searches_unmet, exits_booked"))) {
            String sums = java.util.Arrays.stream(table.measures().split(", ")).map(c -> "sum(" + c + ") as " + c)
                    .collect(java.util.stream.Collectors.joining(", "));
            String month = "cast(date_trunc('month', day) as date)";
            String days = "select %s as month, %s, %s from %s_day where %s in (select month from observatory_month_written) group by 1, %s"
                    .formatted(month, table.keys(), sums, table.table(), month, table.keys());
            String months = "select month, %s, %s from %s_month".formatted(table.keys(), table.measures(), table.table());
            long differ = jdbc.sql("select count(*) from ((%s except %s) union all (%s except %s)) d".formatted(days, months, months, days))
                    .query(Long.class).single();
            assertThat(differ).as(table.table() + " month rows that are not the sums of their days").isZero();
        }

        // Searches: counted as they happened, on the day they happened.
        Map<LocalDate, Integer> searches = new TreeMap<>();
        Map<LocalDate, Integer> unmet = new TreeMap<>();
        jdbc.sql("select day, sum(searches) as s, sum(searches_unmet) as u from observatory_demand_day group by day having sum(searches) > 0")
                .query(rs -> {
                    searches.put(rs.getDate("day").toLocalDate(), rs.getInt("s"));
                    unmet.put(rs.getDate("day").toLocalDate(), rs.getInt("u"));
                });
        assertThat(searches).isEqualTo(searchesByDay);
        assertThat(unmet).isEqualTo(unmetByDay);
        assertThat(unmetByDay.values().stream().mapToInt(Integer::intValue).sum()).as("unmet searches happened").isGreaterThan(5);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private PatientIdentity identity(Patient resident) {
        return people.verified(resident.nam().value(), resident.birthDate(), Optional.of(resident.sex()),
                LocalDate.ofInstant(clock.instant(), ObservatoryRecorder.QUEBEC));
    }

    private static LocalDate day(Timestamp at) {
        return at == null ? null : LocalDate.ofInstant(at.toInstant(), ObservatoryRecorder.QUEBEC);
    }

    private static void count(Map<String, Long> into, LocalDate day, LocalDate first, LocalDate last, String cell, String measure, long n) {
        if (day != null && !day.isBefore(first) && !day.isAfter(last) && n != 0) {
            into.merge(day + "|" + measure + "|" + cell, n, Long::sum);
        }
    }

    /** What the record says, per day, measure and clinic cell, counted row by row. */
    private Map<String, Long> truth(LocalDate first, LocalDate last) {
        Map<String, Long> truth = new HashMap<>();
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, s.modality, s.start_at, s.published_at, s.state, s.booked_by
                        from availability_slot s join directory_professional p on p.id = s.professional_id""")
                .query(rs -> {
                    String cell = rs.getString("clinic_id") + "/" + rs.getString("service_type") + "/" + rs.getString("profession");
                    Instant start = rs.getTimestamp("start_at").toInstant();
                    Instant published = rs.getTimestamp("published_at").toInstant();
                    LocalDate publishedDay = day(rs.getTimestamp("published_at"));
                    count(truth, publishedDay, first, last, cell, "published", 1);
                    count(truth, publishedDay, first, last, cell, "published_" + rs.getString("modality").toLowerCase(), 1);
                    long leadDays = Duration.between(published, start).toDays();
                    count(truth, publishedDay, first, last, cell, leadDays < 2 ? "lead_0_1" : leadDays < 8 ? "lead_2_7"
                            : leadDays < 31 ? "lead_8_30" : "lead_31_plus", 1);
                    LocalDate startDay = day(rs.getTimestamp("start_at"));
                    String state = rs.getString("state");
                    count(truth, startDay, first, last, cell, state.equals("WITHDRAWN") ? "withdrawn" : state.equals("BOOKED") ? "used" : "unused", 1);
                    count(truth, startDay, first, last, cell, "offered", state.equals("WITHDRAWN") ? 0 : 1);
                    count(truth, startDay, first, last, cell, "used_here", "ORCHESTRATOR".equals(rs.getString("booked_by")) ? 1 : 0);
                });
        jdbc.sql("""
                        select s.clinic_id, s.service_type, p.profession, s.start_at, a.state, a.settled_at, a.ended_at, a.cancelled_by,
                            a.requested_at, h.actor_kind
                        from booking_appointment a join availability_slot s on s.id = a.slot_id
                            join directory_professional p on p.id = s.professional_id left join booking_hold h on h.id = a.hold_id""")
                .query(rs -> {
                    String cell = rs.getString("clinic_id") + "/" + rs.getString("service_type") + "/" + rs.getString("profession");
                    String state = rs.getString("state");
                    if (!state.equals("REJECTED") && !state.equals("PENDING")) {
                        count(truth, day(rs.getTimestamp("settled_at")), first, last, cell, "booked", 1);
                        count(truth, day(rs.getTimestamp("settled_at")), first, last, cell, "booked_" + rs.getString("actor_kind"), 1);
                        long minutes = Duration.between(rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("start_at").toInstant())
                                .toMinutes();
                        count(truth, day(rs.getTimestamp("settled_at")), first, last, cell, "wait_minutes_total", minutes);
                    }
                    if (state.equals("CANCELLED")) {
                        count(truth, day(rs.getTimestamp("ended_at")), first, last, cell, "cancelled", 1);
                        count(truth, day(rs.getTimestamp("ended_at")), first, last, cell, "cancelled_" + rs.getString("cancelled_by"), 1);
                    }
                    if (state.equals("NO_SHOW")) {
                        count(truth, day(rs.getTimestamp("start_at")), first, last, cell, "no_shows", 1);
                    }
                });
        jdbc.sql("select state, filed_at, ended_at from waitlist_request").query(rs -> {
            count(truth, day(rs.getTimestamp("filed_at")), first, last, "demand", "waitlist_entries", 1);
            String state = rs.getString("state");
            if (rs.getTimestamp("ended_at") != null) {
                count(truth, day(rs.getTimestamp("ended_at")), first, last, "demand", "exits_" + switch (state) {
                    case "FULFILLED" -> "booked";
                    default -> state.toLowerCase();
                }, 1);
            }
        });
        return truth;
    }

    /** The same figures from the rollups. */
    private Map<String, Long> rollups(LocalDate first, LocalDate last) {
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("select * from observatory_clinic_day where day between :first and :last")
                .param("first", first).param("last", last)
                .query(rs -> {
                    LocalDate day = rs.getDate("day").toLocalDate();
                    String cell = rs.getString("clinic_id") + "/" + rs.getString("service_type") + "/" + rs.getString("profession");
                    for (String column : List.of("published", "published_in_person", "published_phone", "published_video", "withdrawn", "used",
                            "unused", "offered", "used_here", "booked", "wait_minutes_total", "cancelled", "no_shows")) {
                        count(found, day, first, last, cell, column, rs.getLong(column));
                    }
                    for (String lead : List.of("0_1", "2_7", "8_30", "31_plus")) {
                        count(found, day, first, last, cell, "lead_" + lead, rs.getLong("published_lead_" + lead));
                    }
                    Map<String, String> channels = Map.of("PATIENT", "booked_patient", "PARTNER", "booked_partner", "ACCESS_DESK",
                            "booked_desk", "CLINIC_STAFF", "booked_staff", "WAITLIST", "booked_waitlist");
                    channels.forEach((kind, column) -> {
                        try {
                            count(found, day, first, last, cell, "booked_" + kind, rs.getLong(column));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    Map<String, String> who = Map.of("PATIENT", "cancelled_patient", "PARTNER", "cancelled_partner", "ACCESS_DESK",
                            "cancelled_desk", "CLINIC_STAFF", "cancelled_staff", "SOURCE", "cancelled_source");
                    who.forEach((kind, column) -> {
                        try {
                            count(found, day, first, last, cell, "cancelled_" + kind, rs.getLong(column));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
        jdbc.sql("select * from observatory_demand_day where day between :first and :last")
                .param("first", first).param("last", last)
                .query(rs -> {
                    LocalDate day = rs.getDate("day").toLocalDate();
                    for (String column : List.of("waitlist_entries", "exits_booked", "exits_expired", "exits_withdrawn")) {
                        count(found, day, first, last, "demand", column, rs.getLong(column));
                    }
                });
        return found;
    }
}
