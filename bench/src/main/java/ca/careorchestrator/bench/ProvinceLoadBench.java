package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Loads a preset (default: province) into a fresh PostgreSQL schema through the application's own start-up
 * load and reports the slot-writing rate. Not a test: figures go in notes, never in assertions.
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.ProvinceLoadBench</pre>
 * Properties: bench.preset (province), bench.postgres.url (jdbc:postgresql://127.0.0.1:5432/test), bench.runs (1).
 */
public final class ProvinceLoadBench {

    private ProvinceLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "province");
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int runs = Integer.parseInt(System.getProperty("bench.runs", "1"));
        String schema = "care_bench";
        BenchSchema.printMachine();
        for (int run = 1; run <= runs; run++) {
            BenchSchema.fresh(url, schema);
            long begin = System.nanoTime();
            long slotsBegin = 0;
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                    .web(WebApplicationType.NONE)
                    .run("--spring.datasource.url=" + url + "?currentSchema=" + schema, "--spring.datasource.username=postgres",
                            "--spring.datasource.password=", "--care.provisioning.preset=" + preset,
                            "--care.provisioning.slots=direct", "--care.simulation.enabled=false")) {
                ProvinceLoader loader = app.getBean(ProvinceLoader.class);
                LoadStatus status = loader.status();
                while (!status.ready()) {
                    if (status.phase() == LoadStatus.Phase.FAILED) {
                        throw new IllegalStateException(status.failure().orElse("load failed"));
                    }
                    if (slotsBegin == 0 && status.phase() == LoadStatus.Phase.LOADING_SLOTS) {
                        slotsBegin = System.nanoTime();
                    }
                    Thread.sleep(20);
                    status = loader.status();
                }
                long end = System.nanoTime();
                double total = (end - begin) / 1e9;
                double slotSeconds = (end - slotsBegin) / 1e9;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                System.out.printf(Locale.ROOT,
                        "run %d: preset %s, %d clinics, %d professionals, %d slots; start-up to ready %.1f s; "
                                + "slot phase %.1f s = %.0f slots/s (with their listings); heap after GC %d MB%n",
                        run, preset, status.clinics(), status.professionals(), status.slotsWritten(), total, slotSeconds,
                        status.slotsWritten() / slotSeconds, heap);
            }
        }
        BenchSchema.drop(url, schema);
    }
}
