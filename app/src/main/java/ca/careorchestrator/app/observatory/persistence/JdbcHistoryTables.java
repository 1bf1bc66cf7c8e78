package ca.careorchestrator.app.observatory.persistence;

import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.HistoryRows;
import ca.careorchestrator.app.observatory.HistoryTables;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.persistence.BulkInsert;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the synthetic history: COPY on PostgreSQL, JDBC batches on H2 (through {@link BulkInsert}). */
@Repository
class JdbcHistoryTables implements HistoryTables {

    private static final List<String> SUPPLY_COLUMNS = Measure.of(Dataset.SUPPLY).stream().map(Measure::column).toList();
    /** The supply columns, then their sums: the area rows are exactly the sums of the clinic rows. */
    private static final String COLUMNS = RollupColumns.SUPPLY;
    private static final String SUMS = RollupColumns.SUPPLY_SUMS;

    private final JdbcClient jdbc;
    private final BulkInsert bulk;
    private final TransactionTemplate transactions;
    private final MonthSums months;

    JdbcHistoryTables(JdbcClient jdbc, BulkInsert bulk, TransactionTemplate transactions, MonthSums months) {
        this.jdbc = jdbc;
        this.bulk = bulk;
        this.transactions = transactions;
        this.months = months;
    }

    @Override
    public boolean hasAccessRows(LocalDate day) {
        return jdbc.sql("select count(*) from observatory_access_day where day = :day").param("day", day).query(Long.class).single() > 0;
    }

    @Override
    public void clearBefore(LocalDate day) {
        transactions.executeWithoutResult(status -> {
            for (String table : List.of("observatory_area_day", "observatory_clinic_day", "observatory_access_day",
                    "observatory_source_day", "observatory_quarantine_day", "observatory_fairness_day")) {
                jdbc.sql("delete from " + table + " where day < :day").param("day", day).update();
            }
            months.clearBefore(YearMonth.from(day));
        });
    }

    @Override
    public Set<LocalDate> demandDays(LocalDate from, LocalDate to) {
        return new HashSet<>(jdbc.sql("select distinct day from observatory_demand_day where day between :from and :to")
                .param("from", from).param("to", to)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list());
    }

    @Override
    public void write(HistoryRows rows) {
        List<String> supplyColumns = new ArrayList<>(List.of("day", "clinic_id", "region_code", "local_network_code", "service_type",
                "profession"));
        supplyColumns.addAll(SUPPLY_COLUMNS);
        List<Object[]> supply = new ArrayList<>(rows.supply().size());
        for (HistoryRows.Supply s : rows.supply()) {
            Object[] row = new Object[6 + s.values().length];
            row[0] = s.day();
            row[1] = s.clinic();
            row[2] = s.region();
            row[3] = s.network();
            row[4] = s.service();
            row[5] = s.profession();
            for (int i = 0; i < s.values().length; i++) {
                row[6 + i] = s.values()[i];
            }
            supply.add(row);
        }
        bulk.insert(new BulkInsert.Batch("observatory_clinic_day", supplyColumns, supply),
                new BulkInsert.Batch("observatory_demand_day", List.of("day", "region_code", "local_network_code", "service_type",
                        "searches", "searches_unmet", "waitlist_entries", "exits_booked", "exits_expired", "exits_withdrawn",
                        "waited_minutes_total"), rows.demand().stream().map(d -> new Object[] {d.day(), d.region(), d.network(),
                        d.service(), d.searches(), d.searchesUnmet(), d.waitlistEntries(), d.exitsBooked(), d.exitsExpired(),
                        d.exitsWithdrawn(), d.waitedMinutesTotal()}).toList()),
                new BulkInsert.Batch("observatory_access_day", List.of("day", "clinic_id", "region_code", "local_network_code",
                        "third_next_minutes", "free_ahead", "measured_at"), rows.access().stream().map(a -> new Object[] {a.day(),
                        a.clinic(), a.region(), a.network(), a.thirdNextMinutes(), a.freeAhead(), a.measuredAt()}).toList()),
                new BulkInsert.Batch("observatory_source_day", List.of("day", "source_system", "lag_samples", "lag_seconds_total",
                        "lag_seconds_max"), rows.sources().stream().map(s -> new Object[] {s.day(), s.source(), s.lagSamples(),
                        s.lagSecondsTotal(), s.lagSecondsMax()}).toList()),
                new BulkInsert.Batch("observatory_quarantine_day", List.of("day", "source_system", "reason", "quarantined"),
                        rows.quarantine().stream().map(q -> new Object[] {q.day(), q.source(), q.reason(), q.quarantined()}).toList()),
                new BulkInsert.Batch("observatory_fairness_day", List.of("day", "signal", "actor_kind", "flags"),
                        rows.flags().stream().map(f -> new Object[] {f.day(), f.signal(), f.actorKind(), f.flags()}).toList()));
    }

    /** Inserted area by area, as the clinic rows are (see {@code HistoryGenerator.days}), for the dashboards' reads. */
    @Override
    public void sumAreas(LocalDate from, LocalDate to) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from observatory_area_day where day between :from and :to").param("from", from).param("to", to).update();
            jdbc.sql("""
                            insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, %s)
                            select day, 'RLS', local_network_code, region_code, service_type, profession, %s
                            from observatory_clinic_day where day between :from and :to
                            group by day, local_network_code, region_code, service_type, profession
                            order by local_network_code, day, service_type, profession""".formatted(COLUMNS, SUMS))
                    .param("from", from).param("to", to)
                    .update();
            jdbc.sql("""
                            insert into observatory_area_day (day, level, area_code, region_code, service_type, profession, %s)
                            select day, 'RSS', region_code, region_code, service_type, profession, %s
                            from observatory_clinic_day where day between :from and :to
                            group by day, region_code, service_type, profession
                            order by region_code, day, service_type, profession""".formatted(COLUMNS, SUMS))
                    .param("from", from).param("to", to)
                    .update();
        });
    }

    /** Synchronized: a second caller (a history found written while the first still sums) finds the months listed. */
    @Override
    public synchronized void sumMonths(LocalDate from, LocalDate firstDay) {
        List<YearMonth> written = months.written(YearMonth.from(from), YearMonth.from(firstDay));
        for (YearMonth month = YearMonth.from(from); month.atEndOfMonth().isBefore(firstDay); month = month.plusMonths(1)) {
            if (written.contains(month)) {
                continue;
            }
            YearMonth summed = month;
            transactions.executeWithoutResult(status -> months.rewrite(summed));
            months.markWritten(month, Instant.now());
        }
    }
}
