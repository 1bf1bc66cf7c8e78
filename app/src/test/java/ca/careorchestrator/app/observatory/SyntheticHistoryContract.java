package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The synthetic history on each database (H2 and PostgreSQL subclasses): the tiny province is provisioned with
 * {@code care.observatory.history-days=60}; the history is written once, before the run's first day, its rows keep the
 * tables' identities and the area rows are exactly the sums of the clinic rows, its ended months are summed, and the
 * recorder's first refresh (a start) leaves its days alone.
 */
abstract class SyntheticHistoryContract {

    static final int DAYS = 60;

    @Autowired
    ProvinceLoader loader;
    @Autowired
    SyntheticHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Rollups rollups;
    @Autowired
    ca.careorchestrator.app.directory.Directory directory;
    @Autowired
    ca.careorchestrator.app.catalog.Catalog catalog;
    @Autowired
    ca.careorchestrator.app.ingestion.Sources sources;
    @Autowired
    java.time.Clock clock;

    LocalDate firstDay;
    long seed;

    @BeforeEach
    void written() throws InterruptedException {
        Loads.awaitReady(loader);
        firstDay = jdbc.sql("select first_day from provisioning_run").query(LocalDate.class).single();
        seed = jdbc.sql("select seed from provisioning_run").query(Long.class).single();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        // Written in full: its last chunk (access rows, then area sums), then its ended months summed, the last thing it does.
        while (count("select count(*) from observatory_access_day where day = '" + firstDay.minusDays(1) + "'") == 0
                || count("select count(*) from observatory_month_written") < endedMonths().size()) {
            assertThat(Instant.now()).as("history written within 120 s").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The months of the history that ended before the run's first day. */
    private List<java.time.YearMonth> endedMonths() {
        List<java.time.YearMonth> ended = new java.util.ArrayList<>();
        for (var month = java.time.YearMonth.from(firstDay.minusDays(DAYS)); month.atEndOfMonth().isBefore(firstDay); month = month.plusMonths(1)) {
            ended.add(month);
        }
        return ended;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void coversTheDaysBeforeTheRunAndNoneOfItsOwn() {
        for (String table : List.of("observatory_clinic_day", "observatory_area_day", "observatory_demand_day",
                "observatory_access_day", "observatory_source_day", "observatory_quarantine_day", "observatory_fairness_day")) {
            assertThat(count("select count(*) from " + table)).as(table).isPositive();
            assertThat(jdbc.sql("select min(day) from " + table).query(LocalDate.class).single()).as(table)
                    .isAfterOrEqualTo(firstDay.minusDays(DAYS));
            assertThat(jdbc.sql("select max(day) from " + table).query(LocalDate.class).single()).as(table).isBefore(firstDay);
        }
        long clinics = count("select count(*) from directory_clinic");
        assertThat(count("select count(*) from observatory_access_day")).isEqualTo(clinics * DAYS);
        assertThat(count("select count(distinct day) from observatory_clinic_day")).isEqualTo(DAYS);
        assertThat(count("select count(*) from observatory_source_day")).isEqualTo(DAYS
                * count("select count(distinct source_system) from directory_clinic_system"));
    }

    @Test
    void everyClinicRowKeepsTheTablesIdentities() {
        assertThat(count("""
                select count(*) from observatory_clinic_day where
                   offered <> used + unused or used_here > used or no_shows > used_here
                or booked <> booked_patient + booked_partner + booked_desk + booked_staff + booked_waitlist + booked_other
                or booked <> booked_stage_registered_clinic + booked_stage_registered_professional + booked_stage_referred_orphan
                             + booked_stage_age_band + booked_stage_resident_of + booked_stage_any_insured + booked_no_policy
                or booked_orphan > booked
                or booked <> wait_0_1 + wait_2_7 + wait_8_14 + wait_15_30 + wait_31_60 + wait_61_plus
                or published <> published_in_person + published_phone + published_video
                or published <> published_lead_0_1 + published_lead_2_7 + published_lead_8_30 + published_lead_31_plus
                or cancelled <> cancelled_patient + cancelled_partner + cancelled_desk + cancelled_staff + cancelled_source
                                + cancelled_other""")).isZero();
        assertThat(count("select count(*) from observatory_demand_day where searches_unmet > searches")).isZero();
        assertThat(count("select count(*) from observatory_access_day where (third_next_minutes is null) <> (free_ahead < 3)"))
                .isZero();
    }

    @Test
    void aStartingRecorderLeavesTheHistorysLastDayAlone() {
        LocalDate last = firstDay.minusDays(1);
        String rows = "select count(*) + coalesce(sum(published), 0) + coalesce(sum(booked), 0) from observatory_clinic_day where day = '%s'";
        String demand = "select count(*) + coalesce(sum(searches), 0) + coalesce(sum(waitlist_entries), 0) from observatory_demand_day "
                + "where day = '%s'";
        long before = count(rows.formatted(last));
        long demandBefore = count(demand.formatted(last));
        assertThat(before).isPositive();
        // A recorder as at a start (no refresh yet: it would rewrite yesterday), told the run's first day as at a start.
        ObservatoryRecorder starting = new ObservatoryRecorder(rollups, directory, catalog, sources, clock);
        starting.refresh(); // not provisioned yet: nothing
        starting.on(new ca.careorchestrator.app.provisioning.ProvinceProvisioned(new ca.careorchestrator.simulator.province.ProvinceSpec(
                ca.careorchestrator.simulator.province.Preset.fromCode("tiny"), seed, firstDay, 1, 1), false));
        starting.refresh();

        assertThat(count(rows.formatted(last))).isEqualTo(before);
        assertThat(count(demand.formatted(last))).isEqualTo(demandBefore);
    }

    @Test
    void itsEndedMonthsAreSummed() {
        List<java.time.YearMonth> ended = endedMonths();
        assertThat(ended).isNotEmpty();
        assertThat(count("select count(*) from observatory_month_written")).isEqualTo(ended.size());
        for (var month : ended) {
            String days = "day between '" + month.atDay(1) + "' and '" + month.atEndOfMonth() + "'";
            for (String measure : List.of("published", "booked", "no_shows")) {
                assertThat(count("select sum(" + measure + ") from observatory_clinic_month where month = '" + month.atDay(1) + "'"))
                        .as(month + " " + measure).isEqualTo(count("select sum(" + measure + ") from observatory_clinic_day where " + days));
                assertThat(count("select sum(" + measure + ") from observatory_area_month where level = 'RSS' and month = '" + month.atDay(1) + "'"))
                        .as(month + " " + measure).isEqualTo(count("select sum(" + measure + ") from observatory_clinic_day where " + days));
            }
            assertThat(count("select sum(searches) from observatory_demand_month where month = '" + month.atDay(1) + "'"))
                    .isEqualTo(count("select sum(searches) from observatory_demand_day where " + days)).isPositive();
        }
    }

    @Test
    void areaRowsAreExactlyTheSumsOfTheClinicRows() {
        String sums = Measure.of(Dataset.SUPPLY).stream().map(m -> "sum(" + m.column() + ") as " + m.column()).collect(Collectors.joining(", "));
        String columns = Measure.of(Dataset.SUPPLY).stream().map(Measure::column).collect(Collectors.joining(", "));
        String networks = "select day, local_network_code, service_type, profession, " + sums
                + " from observatory_clinic_day group by day, local_network_code, service_type, profession";
        String networkRows = "select day, area_code, service_type, profession, " + columns
                + " from observatory_area_day where level = 'RLS'";
        String regions = "select day, region_code, service_type, profession, " + sums
                + " from observatory_clinic_day group by day, region_code, service_type, profession";
        String regionRows = "select day, area_code, service_type, profession, " + columns
                + " from observatory_area_day where level = 'RSS'";
        assertThat(count("select count(*) from observatory_area_day where level = 'RLS'"))
                .isEqualTo(count("select count(*) from (" + networks + ") g"));
        assertThat(count("select count(*) from observatory_area_day where level = 'RSS'"))
                .isEqualTo(count("select count(*) from (" + regions + ") g"));
        assertThat(count("select count(*) from (" + networks + " except " + networkRows + ") d")).isZero();
        assertThat(count("select count(*) from (" + regionRows + " except " + regions + ") d")).isZero();
        assertThat(count("select count(*) from observatory_area_day a where region_code <> substring(area_code, 1, 2)")).isZero();
        assertThat(count("select sum(booked) from observatory_area_day where level = 'RSS'"))
                .isEqualTo(count("select sum(booked) from observatory_clinic_day")).isPositive();
    }

    @Test
    void isWrittenOnceAndAnInterruptedHistoryIsWrittenAgainTheSame() {
        String fingerprint = """
                select count(*) + sum(offered) * 3 + sum(booked) * 7 + sum(wait_minutes_total) + sum(published) * 11
                from observatory_clinic_day""";
        long rows = count("select count(*) from observatory_clinic_day");
        long before = count(fingerprint);
        long areas = count("select count(*) from observatory_area_day");
        long demand = count("select count(*) from observatory_demand_day");
        long access = count("select count(*) from observatory_access_day");

        assertThat(history.writeBefore(firstDay, DAYS, seed).skipped()).isTrue();
        assertThat(count("select count(*) from observatory_clinic_day")).isEqualTo(rows);

        // As if the process died before the last chunks were written: the history is removed and written again.
        for (String table : List.of("observatory_area_day", "observatory_clinic_day", "observatory_access_day")) {
            jdbc.sql("delete from " + table + " where day >= :day").param("day", firstDay.minusDays(10)).update();
        }
        SyntheticHistory.Written again = history.writeBefore(firstDay, DAYS, seed);
        assertThat(again.skipped()).isFalse();
        assertThat(again.supplyRows()).isEqualTo(rows);
        assertThat(again.demandRows()).as("the demand rows there are kept").isZero();
        assertThat(count(fingerprint)).isEqualTo(before);
        assertThat(count("select count(*) from observatory_area_day")).isEqualTo(areas);
        assertThat(count("select count(*) from observatory_demand_day")).isEqualTo(demand);
        assertThat(count("select count(*) from observatory_access_day")).isEqualTo(access);
    }
}
