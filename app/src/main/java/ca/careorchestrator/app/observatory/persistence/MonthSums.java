package ca.careorchestrator.app.observatory.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The monthly sums of the daily rollups ({@code observatory_*_month}, V10): a month's rows of a region are the sums of
 * its day rows as they stand. A month is listed in {@code observatory_month_written} once its rows are written for
 * every region; from then on, whoever rewrites a day of it rewrites that month's rows of the day's region too, so the
 * reads can take those months' rows for their days (see {@link JdbcObservatoryQueries}).
 */
@Component
class MonthSums {

    private static final String SUPPLY_COLUMNS = RollupColumns.SUPPLY;
    private static final String SUPPLY_SUMS = RollupColumns.SUPPLY_SUMS;
    private static final String DEMAND_COLUMNS = RollupColumns.DEMAND;
    private static final String DEMAND_SUMS = RollupColumns.DEMAND_SUMS;

    private final JdbcClient jdbc;

    MonthSums(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the month's rows are written for every region (and so kept up to date). */
    boolean written(YearMonth month) {
        return jdbc.sql("select count(*) from observatory_month_written where month = :month").param("month", month.atDay(1))
                .query(Long.class).single() > 0;
    }

    /** The months written, of those from {@code from} to {@code to}, oldest first. */
    List<YearMonth> written(YearMonth from, YearMonth to) {
        return jdbc.sql("select month from observatory_month_written where month between :from and :to order by month")
                .param("from", from.atDay(1)).param("to", to.atDay(1))
                .query((rs, n) -> YearMonth.from(rs.getObject(1, LocalDate.class)))
                .list();
    }

    /** Rewrites the month's rows of one region from its day rows (in the caller's transaction, if any). */
    void rewrite(YearMonth month, String region) {
        rewrite(month, " and region_code = :region", region);
    }

    /** Rewrites the month's rows of every region from the day rows (in the caller's transaction, if any). */
    void rewrite(YearMonth month) {
        rewrite(month, " and :region = ''", "");
    }

    private void rewrite(YearMonth month, String regions, String region) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        for (String table : List.of("observatory_clinic_month", "observatory_area_month", "observatory_demand_month")) {
            jdbc.sql("delete from " + table + " where month = :month" + regions).param("month", first).param("region", region).update();
        }
        jdbc.sql("""
                        insert into observatory_clinic_month (month, clinic_id, region_code, local_network_code, service_type, profession, %s)
                        select :month, clinic_id, region_code, local_network_code, service_type, profession, %s from observatory_clinic_day
                        where day between :first and :last%s
                        group by clinic_id, region_code, local_network_code, service_type, profession"""
                        .formatted(SUPPLY_COLUMNS, SUPPLY_SUMS, regions))
                .param("month", first).param("first", first).param("last", last).param("region", region).update();
        jdbc.sql("""
                        insert into observatory_area_month (month, level, area_code, region_code, service_type, profession, %s)
                        select :month, level, area_code, region_code, service_type, profession, %s from observatory_area_day
                        where day between :first and :last%s
                        group by level, area_code, region_code, service_type, profession""".formatted(SUPPLY_COLUMNS, SUPPLY_SUMS, regions))
                .param("month", first).param("first", first).param("last", last).param("region", region).update();
        jdbc.sql("""
                        insert into observatory_demand_month (month, region_code, local_network_code, service_type, %s)
                        select :month, region_code, local_network_code, service_type, %s from observatory_demand_day
                        where day between :first and :last%s
                        group by region_code, local_network_code, service_type""".formatted(DEMAND_COLUMNS, DEMAND_SUMS, regions))
                .param("month", first).param("first", first).param("last", last).param("region", region).update();
    }

    /** Lists the month as written for every region (once their rows are). */
    void markWritten(YearMonth month, Instant at) {
        if (!written(month)) {
            jdbc.sql("insert into observatory_month_written (month, written_at) values (:month, :at)")
                    .param("month", month.atDay(1)).param("at", at.atOffset(ZoneOffset.UTC)).update();
        }
    }

    /** The months from {@code from} and before {@code before} that have day rows but no sums written (oldest first). */
    List<YearMonth> unwritten(YearMonth from, YearMonth before) {
        LocalDate first = jdbc.sql("select min(day) from observatory_clinic_day where day >= :from").param("from", from.atDay(1))
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).single();
        if (first == null) {
            return List.of();
        }
        List<YearMonth> written = written(YearMonth.from(first), before);
        List<YearMonth> unwritten = new java.util.ArrayList<>();
        for (YearMonth month = YearMonth.from(first); month.isBefore(before); month = month.plusMonths(1)) {
            if (!written.contains(month)) {
                unwritten.add(month);
            }
        }
        return unwritten;
    }

    /** Forgets the months before {@code month} (rows and listing): their days are being written again. */
    void clearBefore(YearMonth month) {
        for (String table : List.of("observatory_clinic_month", "observatory_area_month", "observatory_demand_month", "observatory_month_written")) {
            jdbc.sql("delete from " + table + " where month < :month").param("month", month.atDay(1)).update();
        }
    }
}
