package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.Simulation;
import ca.careorchestrator.simulator.hl7.Hl7Simulator;
import ca.careorchestrator.simulator.platform.PlatformServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The initial sync of a preset (default: province) from the simulated platforms, through their connectors
 * over loopback sockets, into a fresh PostgreSQL schema; then push freshness (an HL7 desk booking sent over
 * MLLP until its ACK, which the connector sends after the apply) and memory. Not a test: figures go in
 * notes, never in assertions. The simulators run in the same JVM (they hold every slot of their systems).
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.IngestionBench</pre>
 * Properties: bench.preset (province), bench.weeks (8), bench.postgres.url, bench.pushes (500).
 */
public final class IngestionBench {

    private IngestionBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "province");
        String weeks = System.getProperty("bench.weeks", "8");
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int pushes = Integer.parseInt(System.getProperty("bench.pushes", "500"));
        String schema = "care_bench_ingestion";
        BenchSchema.printMachine();
        BenchSchema.fresh(url, schema);
        Path dataDir = Files.createTempDirectory("care-bench-ingestion");
        long begin = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url + "?currentSchema=" + schema, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--care.data-dir=" + dataDir, "--care.provisioning.preset=" + preset,
                        "--care.provisioning.weeks=" + weeks, "--care.provisioning.slots=sources", "--care.simulation.tick=1h",
                        "--care.simulation.desk-bookings-per-hour=0", "--care.simulation.cancellations-per-hour=0",
                        "--care.simulation.withdrawals-per-hour=0", "--care.ingestion.poll-interval=1h",
                        "--care.ingestion.full-read-interval=24h", "--care.ingestion.timeout=120s")) {
            ProvinceLoader loader = app.getBean(ProvinceLoader.class);
            Sources sources = app.getBean(Sources.class);
            PlatformSimulation platforms = app.getBean(PlatformSimulation.class);
            while (!loader.status().ready()) {
                if (loader.status().phase() == LoadStatus.Phase.FAILED) {
                    throw new IllegalStateException(loader.status().failure().orElse("load failed"));
                }
                Thread.sleep(20);
            }
            long directory = System.nanoTime();
            while (platforms.simulation().isEmpty() || sources.statuses().size() < platforms.simulation().get().servers().size()) {
                Thread.sleep(20);
            }
            long simulatorsUp = System.nanoTime();
            Simulation simulation = platforms.simulation().get();
            long offered = simulation.servers().stream().mapToLong(s -> s.platform().size()).sum();
            long[] cpuBefore = machineCpu();
            Map<SourceSystem, Double> upAfter = new EnumMap<>(SourceSystem.class);
            while (upAfter.size() < simulation.servers().size()) {
                for (SourceStatus status : sources.statuses()) {
                    if (status.phase() == SourceStatus.Phase.UP) {
                        upAfter.putIfAbsent(status.source(), (System.nanoTime() - simulatorsUp) / 1e9);
                    }
                }
                Thread.sleep(50);
            }
            long synced = System.nanoTime();
            long[] cpuAfter = machineCpu();
            long[] counts = counts(url, schema);
            double syncSeconds = (synced - simulatorsUp) / 1e9;
            System.out.printf(Locale.ROOT, "preset %s, %s weeks: directory ready after %.1f s; simulators up after %.1f s more%n", preset,
                    weeks, (directory - begin) / 1e9, (simulatorsUp - directory) / 1e9);
            System.out.printf(Locale.ROOT, "initial sync: %d listings offered by %d platforms, stored %d listings on %d slots "
                            + "(%d quarantined) in %.1f s = %.0f listings/s, %.0f slots/s%n",
                    offered, simulation.servers().size(), counts[0], counts[1], counts[2], syncSeconds, counts[0] / syncSeconds,
                    counts[1] / syncSeconds);
            System.out.printf(Locale.ROOT, "machine CPU busy during the sync: %.0f %% of %d cores%n",
                    100.0 * (cpuAfter[0] - cpuBefore[0]) / Math.max(1, cpuAfter[1] - cpuBefore[1]), Runtime.getRuntime().availableProcessors());
            for (SourceStatus status : sources.statuses()) {
                System.out.printf(Locale.ROOT, "  %-14s %-11s %,10d records in, %,10d applied, in sync after %6.1f s%n", status.source(),
                        status.source().protocol(), status.recordsIn(), status.applied(), upAfter.get(status.source()));
            }
            pushFreshness(simulation, pushes);
            System.gc();
            System.out.printf(Locale.ROOT, "memory: heap after GC %d MB (simulators included); peak resident %s%n",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, peakResident());
        }
        BenchSchema.drop(url, schema);
    }

    /** Desk bookings on the HL7 systems, each pushed as SIU^S12 and timed until its ACK (sent after the apply). */
    private static void pushFreshness(Simulation simulation, int pushes) throws InterruptedException {
        List<Hl7Simulator> hl7 = new ArrayList<>();
        for (PlatformServer server : simulation.servers()) {
            if (server instanceof Hl7Simulator h) {
                hl7.add(h);
            }
        }
        if (hl7.isEmpty()) {
            System.out.println("push: no HL7 system in this preset");
            return;
        }
        SplittableRandom random = new SplittableRandom(11);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            Hl7Simulator system = hl7.get(i % hl7.size());
            if (system.platform().bookAtDesk(random).isEmpty()) {
                continue;
            }
            long start = System.nanoTime();
            system.pushPending();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "push freshness (desk booking -> SIU over MLLP -> applied -> ACK), %d pushes over %d systems: "
                        + "median %.1f ms, p99 %.1f ms, max %.1f ms%n", millis.size(), hl7.size(), percentile(millis, 0.5),
                percentile(millis, 0.99), millis.getLast());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long[] counts(String url, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + schema, "postgres", "");
                Statement s = c.createStatement()) {
            return new long[] {BenchSchema.single(s, "select count(*) from availability_listing"),
                    BenchSchema.single(s, "select count(*) from availability_slot"), BenchSchema.single(s, "select count(*) from ingestion_quarantine")};
        }
    }

    /** {busy, total} jiffies of the whole machine (PostgreSQL included), from /proc/stat. */
    private static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
            return new long[] {busy, total};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static String peakResident() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("n/a");
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
