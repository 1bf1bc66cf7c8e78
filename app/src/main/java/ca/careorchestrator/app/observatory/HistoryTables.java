package ca.careorchestrator.app.observatory;

import java.time.LocalDate;
import java.util.Set;

/** Where {@link SyntheticHistory} writes its rows: the observatory's tables. */
public interface HistoryTables {

    /**
     * Whether the access rows of {@code day} are there: the history writes its last day after all the others, and the
     * recorder measures access only for the day it is in (it rewrites the day before the run's first day at its first
     * start, but not that table).
     */
    boolean hasAccessRows(LocalDate day);

    /**
     * Removes what an interrupted history wrote before {@code day}: supply, area, access, quality and fairness rows (the
     * live rollups begin on the run's first day). Demand rows are kept: the record may hold some (care requests filed
     * before the run).
     */
    void clearBefore(LocalDate day);

    /** The days from {@code from} to {@code to} that already have demand rows. */
    Set<LocalDate> demandDays(LocalDate from, LocalDate to);

    /** Writes the rows in one transaction. */
    void write(HistoryRows rows);

    /**
     * Replaces the area rows (levels RSS and RLS) of the days from {@code from} to {@code to} by the sums of their clinic
     * rows.
     */
    void sumAreas(LocalDate from, LocalDate to);

    /**
     * Writes the monthly sums of the months from {@code from}'s to the last one ending before {@code firstDay} from their
     * day rows, and lists them as summed (the month of {@code firstDay}, not over, is summed by the recorder when it is);
     * months already listed are left alone.
     */
    void sumMonths(LocalDate from, LocalDate firstDay);
}
