package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.observatory.ObservatoryRecorder;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What keeping the observatory current costs (issue #7): the time of one {@link ObservatoryRecorder#refresh()} on a
 * preset in PostgreSQL (every region's rollups of today rewritten from the record, the third next available appointment
 * of every clinic measured, sources sampled). Twice: on the day the province is loaded (every slot "published today",
 * the worst day) and on an ordinary day (the slots' publication moved a week back, so today holds only today's slots
 * and activity). Not a test: figures go in notes.
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.ObservatoryRefreshBench</pre>
 */
public final class ObservatoryRefreshBench {

    private static final String SCHEMA = "care_bench_observatory_refresh";

    private ObservatoryRefreshBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "province");
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int runs = Integer.parseInt(System.getProperty("bench.runs", "5"));
        BenchSchema.printMachine();
        BenchSchema.fresh(url, SCHEMA);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--care.provisioning.preset=" + preset, "--care.provisioning.slots=direct",
                        "--care.simulation.enabled=false", "--care.observatory.refresh-interval=24h")) {
            ProvinceLoader loader = app.getBean(ProvinceLoader.class);
            while (!loader.status().ready()) {
                if (loader.status().phase() == LoadStatus.Phase.FAILED) {
                    throw new IllegalStateException(loader.status().failure().orElse("load failed"));
                }
                Thread.sleep(200);
            }
            ObservatoryRecorder recorder = app.getBean(ObservatoryRecorder.class);
            recorder.refresh(); // the start-up refresh: yesterday and today
            try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + SCHEMA, "postgres", ""); Statement s = c.createStatement()) {
                System.out.printf(Locale.ROOT, "preset %s: %,d slots, %,d clinics%n", preset,
                        BenchSchema.single(s, "select count(*) from availability_slot"), BenchSchema.single(s, "select count(*) from directory_clinic"));
                System.out.printf(Locale.ROOT, "load day (every slot published today): %s%n", times(recorder, runs));
                s.executeUpdate("update availability_slot set published_at = published_at - interval '7 days'");
                s.execute("analyze availability_slot");
                System.out.printf(Locale.ROOT, "ordinary day (publication a week back): %s%n", times(recorder, runs));
            }
        }
    }

    /** Each refresh rewrites today (marked changed as an event would) and measures access (a new day each run: forced). */
    private static String times(ObservatoryRecorder recorder, int runs) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            recorder.refreshAll();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(Double::compare);
        return String.format(Locale.ROOT, "refresh median %.2f s (runs: %s)", sorted.get(sorted.size() / 2),
                seconds.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
    }
}
