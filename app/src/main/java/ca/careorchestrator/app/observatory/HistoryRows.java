package ca.careorchestrator.app.observatory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Some days of SYNTHETIC observatory rows (see {@link SyntheticHistory}), one list per table, as the tables hold them.
 * Written together.
 */
public record HistoryRows(LocalDate from, LocalDate to, List<Supply> supply, List<Demand> demand, List<Access> access,
        List<SourceLag> sources, List<Quarantined> quarantine, List<Flags> flags) {

    public HistoryRows {
        supply = List.copyOf(supply);
        demand = List.copyOf(demand);
        access = List.copyOf(access);
        sources = List.copyOf(sources);
        quarantine = List.copyOf(quarantine);
        flags = List.copyOf(flags);
    }

    /** A row of observatory_clinic_day; {@code values} in the order of {@code Measure.of(Dataset.SUPPLY)}. */
    public record Supply(LocalDate day, UUID clinic, String region, String network, String service, String profession,
            long[] values) {

        public long get(Measure measure) {
            return values[HistoryGenerator.at(measure)];
        }
    }

    /** A row of observatory_demand_day ({@code network} '' for searches by region, {@code service} '' for any). */
    public record Demand(LocalDate day, String region, String network, String service, long searches, long searchesUnmet,
            long waitlistEntries, long exitsBooked, long exitsExpired, long exitsWithdrawn, long waitedMinutesTotal) {
    }

    /** A row of observatory_access_day; {@code thirdNextMinutes} null when fewer than three free slots were ahead. */
    public record Access(LocalDate day, UUID clinic, String region, String network, Integer thirdNextMinutes, int freeAhead,
            Instant measuredAt) {
    }

    public record SourceLag(LocalDate day, String source, long lagSamples, long lagSecondsTotal, long lagSecondsMax) {
    }

    public record Quarantined(LocalDate day, String source, String reason, long quarantined) {
    }

    public record Flags(LocalDate day, String signal, String actorKind, long flags) {
    }
}
