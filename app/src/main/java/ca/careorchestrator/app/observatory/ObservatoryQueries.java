package ca.careorchestrator.app.observatory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/** What the observatory's pages, API and exports read. Filters are valid (checked by the caller). */
public interface ObservatoryQueries {

    /** An area's figures with, when it is not a clinic, the third next available appointment's median over its clinics. */
    record AreaFigures(Area area, Figures figures, OptionalInt thirdNextMedianMinutes) {
    }

    /** The filter's area and each of its parts (province: regions; region: local networks; local network: clinics). */
    record Breakdown(AreaFigures total, List<AreaFigures> parts) {
    }

    record DayFigures(LocalDate day, Figures figures) {
    }

    /** A source's data quality over the days asked. */
    record SourceQuality(String source, long lagSamples, OptionalInt meanLagSeconds, long maxLagSeconds, long quarantined) {
    }

    record QuarantineCount(String source, String reason, long quarantined) {
    }

    record FlagCount(String signal, String actorKind, long flags) {
    }

    /** A clinic against the median of its region's clinics, for clinic staff. */
    record ClinicComparison(AreaFigures clinic, AreaFigures region, List<AreaFigures> regionClinics) {
    }

    /** The filter's area, named (the province is "Québec"). */
    Area area(ObservatoryFilter filter);

    Breakdown breakdown(ObservatoryFilter filter);

    /** One row per day of the filter (days without figures included, as zeros). */
    List<DayFigures> series(ObservatoryFilter filter);

    List<SourceQuality> quality(LocalDate from, LocalDate to);

    List<QuarantineCount> quarantine(LocalDate from, LocalDate to);

    List<FlagCount> fairness(LocalDate from, LocalDate to);

    Optional<ClinicComparison> clinic(UUID clinic, ObservatoryFilter filter);

    // ---- Open-data exports: rows as stored, streamed to the consumer in day order (a two-year province export does not
    // fit in memory as a list). Filters as above; the area of the filter bounds the rows.

    /** One day of one area (RSS, RLS or clinic: {@link Area.Level}), service type and profession. */
    record SupplyRow(LocalDate day, Area area, String regionCode, String service, String profession, Figures figures) {
    }

    /** One day of one local network (or a region's searches that named no network: localNetworkCode "") and service ("" any). */
    record DemandRow(LocalDate day, String regionCode, String localNetworkCode, String areaName, String service, Figures figures) {
    }

    /** One day of one clinic: its last measure of the third next available appointment (empty: fewer than three free slots). */
    record AccessRow(LocalDate day, Area clinic, String regionCode, String localNetworkCode, OptionalInt thirdNextMinutes, int freeAhead,
            Instant measuredAt) {
    }

    /** One day of one source: lag samples and what went to quarantine (all reasons). */
    record SourceDay(LocalDate day, String source, long lagSamples, long lagSecondsTotal, long lagSecondsMax, long quarantined) {
    }

    record FlagDay(LocalDate day, String signal, String actorKind, long flags) {
    }

    /**
     * Supply rows at {@code level} (REGION, LOCAL_NETWORK or CLINIC, not coarser than the filter's area), each day from the
     * filter's first to its last.
     */
    void supplyRows(ObservatoryFilter filter, Area.Level level, Consumer<SupplyRow> rows);

    /** Demand rows of the filter's area (not a clinic: demand has none) and service; the profession does not apply. */
    void demandRows(ObservatoryFilter filter, Consumer<DemandRow> rows);

    /** Access rows of the filter's area's clinics; service and profession do not apply (any service is measured). */
    void accessRows(ObservatoryFilter filter, Consumer<AccessRow> rows);

    void qualityRows(LocalDate from, LocalDate to, Consumer<SourceDay> rows);

    void fairnessRows(LocalDate from, LocalDate to, Consumer<FlagDay> rows);
}
