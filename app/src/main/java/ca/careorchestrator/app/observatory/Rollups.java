package ca.careorchestrator.app.observatory;

import ca.careorchestrator.core.geo.RegionCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where the rollups are written: each day's rows rewritten from the record, and the counts that have no record. */
public interface Rollups {

    /** One Quebec day: its date and its instants [from, to). */
    record Day(LocalDate date, Instant from, Instant to) {
    }

    /** Searches counted in one day, local network ('' for a search by region) and service type ('' = any). */
    record SearchCount(LocalDate day, RegionCode region, String localNetwork, String service, long searches, long unmet) {
    }

    /**
     * Rewrites a region's clinic and area rows and the waitlist figures of its demand rows for the day, from the slot,
     * appointment and waitlist tables (searches kept); returns the number of clinic rows written.
     */
    int rewrite(Day day, RegionCode region);

    /** Rewrites the day's quarantine and fairness rows from the quarantine and flag tables. */
    void rewriteProvince(Day day);

    /**
     * Writes the monthly sums of an ended month for these regions (all of them) from their day rows, and lists the month
     * as summed: from then on, a rewrite of one of its days rewrites its sums too.
     */
    void settleMonth(YearMonth month, List<RegionCode> regions, Instant at);

    /** The months from {@code from} and before {@code before} that have day rows not summed yet (an upgrade, a long pause). */
    List<YearMonth> monthsToSettle(YearMonth from, YearMonth before);

    /** Adds searches to the demand rows. */
    void addSearches(List<SearchCount> counts);

    /** A clinic's third next available appointment (minutes from the measure; empty: fewer than three free slots ahead). */
    record Access(UUID clinic, String localNetwork, java.util.OptionalInt thirdNextMinutes, int freeAhead) {
    }

    /** The region's clinics' access measures taken at {@code at}, kept as the day's (replacing an earlier measure). */
    void writeAccess(LocalDate day, Instant at, RegionCode region, List<Access> measures);

    /** One sample of each source's lag (seconds), added to the day's row. */
    void sampleLag(LocalDate day, Map<String, Long> lagSeconds);
}
