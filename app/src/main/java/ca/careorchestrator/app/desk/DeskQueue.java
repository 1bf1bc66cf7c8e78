package ca.careorchestrator.app.desk;

import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import ca.careorchestrator.core.patient.PriorityCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The access desk's queue: a region's orphan patients' open care requests, most urgent first. Requests with a
 * priority come first by the time they pass (or passed) its maximum delay; those the desk has not yet triaged follow,
 * oldest first (a nurse triages them as they come).
 */
@Service
public class DeskQueue {

    /** The queue shows at most this many requests (the oldest ones) per region. */
    public static final int LIMIT = 500;

    private static final Comparator<QueueEntry> URGENCY = Comparator
            .<QueueEntry, Instant>comparing(e -> e.breachAt().orElse(Instant.MAX))
            .thenComparing(QueueEntry::filedAt)
            .thenComparing(e -> e.id().value());

    private final DeskRows rows;
    private final PriorityCodes codes;
    private final Clock clock;

    DeskQueue(DeskRows rows, Clock clock) {
        this.rows = rows;
        this.codes = PriorityCodes.standard();
        this.clock = clock;
    }

    /** Filters: {@code state} OPEN or OFFERED (both when empty); {@code priority} one code, or "none" for untriaged. */
    public record Filter(Optional<String> state, Optional<Optional<PriorityCode>> priority) {

        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty());

        boolean accepts(QueueEntry entry) {
            return state.map(entry.state()::equals).orElse(true) && priority.map(entry.priority()::equals).orElse(true);
        }
    }

    public List<QueueEntry> queue(RegionCode region, Filter filter) {
        Instant now = clock.instant();
        return rows.openRequests(region, LIMIT).stream().map(row -> entry(row, now)).filter(filter::accepts).sorted(URGENCY).toList();
    }

    /** A request of an orphan patient, of any region and state (the caller checks the desk's region). */
    public Optional<QueueEntry> request(CareRequestId id) {
        return rows.request(id).map(row -> entry(row, clock.instant()));
    }

    public PriorityCodes codes() {
        return codes;
    }

    private QueueEntry entry(DeskRows.Row row, Instant now) {
        Optional<Instant> breachAt = row.priority().map(code -> codes.breachAt(code, row.filedAt()));
        Duration age = Duration.between(row.filedAt(), now);
        return new QueueEntry(row.id(), row.patient(), row.service(), row.area(), row.place(), row.region(), row.priority(), row.filedAt(),
                row.state(), age.isNegative() ? Duration.ZERO : age, breachAt, breachAt.map(at -> !now.isBefore(at)).orElse(false));
    }
}
