package ca.careorchestrator.app.desk;

import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.app.waitlist.FileOutcome;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The access desk's synthetic work, so that the default run's queue is realistic: when a province is provisioned into an
 * empty waitlist, a share of each region's orphan residents ({@code care.desk.backlog-share}, 2 %) have a care request
 * filed over the past six weeks, half of them with a priority (some now past its delay: breaches show); then, each
 * simulated day on the application's clock, {@code care.desk.daily-requests-per-region} (4) new requests per region,
 * untriaged. Draws are seeded by the province's seed (and the day). Behind {@code care.desk.seed-requests}, off unless
 * set (the default run sets it).
 */
@Component
class DeskWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeskWork.class);
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    static final Duration BACKLOG = Duration.ofDays(42);
    private static final Duration WINDOW = Duration.ofDays(60);
    /** What orphan patients ask the desk for, most often first (repeats weigh the draw). */
    private static final List<String> SERVICES = List.of("follow-up", "follow-up", "follow-up", "periodic-exam", "periodic-exam",
            "prescription-renewal", "prescription-renewal", "minor-ailment", "mental-health", "semi-urgent", "pediatric", "prenatal");
    /** A triaged request's code, weighted: few A and B, most C and D. */
    private static final List<PriorityCode> PRIORITIES = List.of(PriorityCode.A, PriorityCode.B, PriorityCode.B, PriorityCode.C,
            PriorityCode.C, PriorityCode.C, PriorityCode.D, PriorityCode.D, PriorityCode.D, PriorityCode.E);

    private final DeskRows rows;
    private final Waitlist waitlist;
    private final Clock clock;
    private final boolean seed;
    private final double backlogShare;
    private final int dailyPerRegion;
    private final Duration checkEvery;

    private volatile Optional<ProvinceProvisioned> province = Optional.empty();
    private volatile boolean running;
    private LocalDate lastDay;
    private Thread inflow;

    DeskWork(DeskRows rows, Waitlist waitlist, Clock clock, @Value("${care.desk.seed-requests:false}") boolean seed,
            @Value("${care.desk.backlog-share:0.02}") double backlogShare, @Value("${care.desk.daily-requests-per-region:4}") int dailyPerRegion,
            @Value("${care.desk.inflow-check:PT5M}") Duration checkEvery) {
        this.rows = rows;
        this.waitlist = waitlist;
        this.clock = clock;
        this.seed = seed;
        this.backlogShare = backlogShare;
        this.dailyPerRegion = dailyPerRegion;
        this.checkEvery = checkEvery;
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        if (!seed) {
            return;
        }
        synchronized (this) {
            lastDay = today();
        }
        province = Optional.of(provisioned);
        if (rows.requestCount() > 0) {
            return; // filed by an earlier run (or by patients): the backlog is not filed twice
        }
        Random random = new Random(provisioned.spec().seed() ^ 0x6465736BL);
        Instant now = clock.instant();
        int filed = 0;
        for (DeskRows.Orphan orphan : rows.orphans()) {
            if (random.nextDouble() >= backlogShare) {
                continue;
            }
            Instant filedAt = now.minusSeconds((long) (random.nextDouble() * BACKLOG.toSeconds()));
            Optional<PriorityCode> priority = random.nextBoolean() ? Optional.of(PRIORITIES.get(random.nextInt(PRIORITIES.size())))
                    : Optional.empty();
            filed += file(orphan, SERVICES.get(random.nextInt(SERVICES.size())), filedAt, priority) ? 1 : 0;
        }
        log.info("Access desk: {} care requests of orphan patients filed over the past {} days", filed, BACKLOG.toDays());
    }

    /** Files the new requests of each day the clock moved on since the last check (at most a week's worth). */
    synchronized int fileNewDays() {
        Optional<ProvinceProvisioned> provisioned = province;
        LocalDate today = today();
        if (provisioned.isEmpty() || lastDay == null || !today.isAfter(lastDay)) {
            return 0;
        }
        long days = Math.min(7, today.toEpochDay() - lastDay.toEpochDay());
        lastDay = today;
        Random random = new Random(provisioned.get().spec().seed() ^ today.toEpochDay());
        Map<RegionCode, List<DeskRows.Orphan>> byRegion = rows.orphans().stream().collect(Collectors.groupingBy(DeskRows.Orphan::region));
        int filed = 0;
        for (RegionCode region : provisioned.get().spec().preset().regions()) {
            List<DeskRows.Orphan> orphans = byRegion.getOrDefault(region, List.of());
            for (int i = 0; i < days * dailyPerRegion && !orphans.isEmpty(); i++) {
                DeskRows.Orphan orphan = orphans.get(random.nextInt(orphans.size()));
                filed += file(orphan, SERVICES.get(random.nextInt(SERVICES.size())), clock.instant(), Optional.empty()) ? 1 : 0;
            }
        }
        log.info("Access desk: {} new care requests for {}", filed, today);
        return filed;
    }

    private boolean file(DeskRows.Orphan orphan, String service, Instant filedAt, Optional<PriorityCode> priority) {
        Instant now = clock.instant();
        Waitlist.Filing filing = new Waitlist.Filing(orphan.patient(), new ServiceTypeCode(service), orphan.area(), 25, now, now.plus(WINDOW),
                Set.of(Modality.IN_PERSON, Modality.PHONE));
        return waitlist.fileAsOf(filing, filedAt, priority) instanceof FileOutcome.Filed;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), QUEBEC);
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!seed) {
            return;
        }
        inflow = Thread.ofVirtual().name("desk-inflow").start(() -> {
            while (running) {
                try {
                    synchronized (this) {
                        if (running) {
                            wait(Math.max(1, checkEvery.toMillis()));
                        }
                    }
                    if (running) {
                        fileNewDays();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("desk-inflow: {}", e.toString()); // the database may be away for a moment: the next check files the day
                }
            }
        });
    }

    @Override
    public void stop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        if (inflow != null) {
            try {
                inflow.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
