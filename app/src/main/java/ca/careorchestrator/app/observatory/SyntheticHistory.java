package ca.careorchestrator.app.observatory;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * SYNTHETIC history for the observatory, for demonstrations and load tests: made-up daily rows for the
 * {@code care.observatory.history-days} days before the provisioning run's first day (0, the default: none), so that
 * the dashboards have a year to show on a new database. None of it happened: it is drawn from the loaded directory
 * (clinics, networks, professions, sources) by {@link HistoryGenerator}, seeded by {@code care.provisioning.seed}. It
 * ends the day before the run's first day, where the live rollups begin, so the two never overlap.
 *
 * <p>Written once: a restart finds the last day's rows (written last) and does nothing; a history that was interrupted
 * is removed and written again (the same: a day's rows depend only on the seed and the date). The area rows are the
 * sums of the clinic rows, by SQL, as the recorder writes them.
 */
@Service
public class SyntheticHistory {

    private static final Logger log = LoggerFactory.getLogger(SyntheticHistory.class);
    /** Days per transaction: a week of the province is about 100,000 clinic rows. */
    private static final int CHUNK_DAYS = 7;
    private static final int WRITERS = 2;

    /** What a call did. {@code skipped}: the history was already there. */
    public record Written(LocalDate from, LocalDate to, boolean skipped, long supplyRows, long demandRows, long accessRows,
            long otherRows, Duration took) {
    }

    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final HistoryTables tables;
    private final int days;

    SyntheticHistory(Directory directory, ServiceTypes serviceTypes, HistoryTables tables,
            @Value("${care.observatory.history-days:0}") int days) {
        if (days < 0 || days > 3660) {
            throw new IllegalArgumentException("care.observatory.history-days is 0 to 3660");
        }
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.tables = tables;
        this.days = days;
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        if (days == 0) {
            return;
        }
        Thread.ofVirtual().name("observatory-history").start(() -> {
            try {
                writeBefore(provisioned.spec().firstDay(), days, provisioned.spec().seed());
            } catch (RuntimeException e) {
                log.error("Writing the observatory's synthetic history failed; a restart tries again", e);
            }
        });
    }

    private static HistoryRows generate(HistoryGenerator generator, LocalDate from, LocalDate to, Set<LocalDate> demandKept) {
        HistoryRows rows = generator.days(from, to);
        return new HistoryRows(from, to, rows.supply(), rows.demand().stream().filter(d -> !demandKept.contains(d.day())).toList(),
                rows.access(), rows.sources(), rows.quarantine(), rows.flags());
    }

    private void write(HistoryRows rows, AtomicLong supply, AtomicLong demand, AtomicLong access, AtomicLong other) {
        tables.write(rows);
        tables.sumAreas(rows.from(), rows.to());
        supply.addAndGet(rows.supply().size());
        demand.addAndGet(rows.demand().size());
        access.addAndGet(rows.access().size());
        other.addAndGet(rows.sources().size() + rows.quarantine().size() + rows.flags().size());
    }

    /** Writes the {@code count} days before {@code firstDay} unless they are there already. */
    public Written writeBefore(LocalDate firstDay, int count, long seed) {
        LocalDate from = firstDay.minusDays(count);
        LocalDate to = firstDay.minusDays(1);
        long started = System.nanoTime();
        if (count == 0) {
            return new Written(from, to, true, 0, 0, 0, 0, Duration.ZERO);
        }
        if (tables.hasAccessRows(to)) {
            tables.sumMonths(from, firstDay); // the months not summed yet: an upgrade, or a stop right after the last day
            return new Written(from, to, true, 0, 0, 0, 0, Duration.ZERO);
        }
        tables.clearBefore(firstDay); // what an interrupted attempt wrote
        List<Clinic> clinics = directory.allClinics();
        Map<LocalNetworkCode, Long> populations = new HashMap<>();
        for (RegionOverview region : directory.regions()) {
            for (LocalNetwork network : directory.localNetworks(region.region().code())) {
                populations.put(network.code(), network.population());
            }
        }
        HistoryGenerator generator = new HistoryGenerator(seed, clinics, directory.allProfessionals(), populations, serviceTypes);
        log.warn("Observatory: writing SYNTHETIC history (made up, not real data) for {} days, {} to {}, over {} clinics and "
                + "{} (service, profession) pairs, seed {}", count, from, to, clinics.size(), generator.pairs(), seed);
        Set<LocalDate> demandKept = tables.demandDays(from, to);
        AtomicLong supply = new AtomicLong();
        AtomicLong demand = new AtomicLong();
        AtomicLong access = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(WRITERS);
        // Generating is cheap next to storing: chunks are written on WRITERS connections at once, oldest first, each its
        // rows then its area sums. The last chunk is written once all the others are in, so that its rows mean "written".
        LocalDate last = from.plusDays((long) ((count - 1) / CHUNK_DAYS) * CHUNK_DAYS);
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LocalDate start = from; start.isBefore(last) && failure.get() == null; start = start.plusDays(CHUNK_DAYS)) {
                HistoryRows rows = generate(generator, start, start.plusDays(CHUNK_DAYS - 1), demandKept);
                inFlight.acquireUninterruptibly();
                writers.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            write(rows, supply, demand, access, other);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        write(generate(generator, last, to, demandKept), supply, demand, access, other);
        tables.sumMonths(from, firstDay);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Written written = new Written(from, to, false, supply.get(), demand.get(), access.get(), other.get(), took);
        log.warn("Observatory: SYNTHETIC history written, {} to {}: {} clinic rows (and their area sums), {} demand rows, {} access "
                + "rows, {} quality and fairness rows in {} s", from, to, written.supplyRows(), written.demandRows(),
                written.accessRows(), written.otherRows(), String.format("%.1f", took.toMillis() / 1000.0));
        return written;
    }
}
