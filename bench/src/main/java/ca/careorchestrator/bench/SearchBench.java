package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.CatalogStatus;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ServiceTypes;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Search over HTTP on the province (issue #4): the index's rebuild time and heap at start-up, then the search
 * endpoint and the same server's trivial endpoint ({@code /actuator/health/liveness}) under the same closed-loop
 * load of {@code bench.concurrency} clients (default 32), each for {@code bench.seconds} (default 20) after a
 * warm-up: throughput ratio and latency percentiles. The province is loaded once into its own PostgreSQL schema
 * and kept ({@code bench.fresh=true} reloads it): a second run measures the rebuild from PostgreSQL alone.
 * Not a test: figures go in notes, never in assertions.
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.SearchBench</pre>
 */
public final class SearchBench {

    private static final String SCHEMA = "care_bench_search";

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "province");
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int concurrency = Integer.parseInt(System.getProperty("bench.concurrency", "32"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "20"));
        boolean fresh = Boolean.getBoolean("bench.fresh") || !BenchSchema.provisioned(url, SCHEMA);
        BenchSchema.printMachine();
        if (fresh) {
            BenchSchema.fresh(url, SCHEMA);
        }
        long begin = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--care.provisioning.preset=" + preset, "--care.provisioning.slots=direct",
                        "--care.simulation.enabled=false", "--logging.level.org.springframework.web=WARN")) {
            ProvinceLoader loader = app.getBean(ProvinceLoader.class);
            Catalog catalog = app.getBean(Catalog.class);
            while (!loader.status().ready()) {
                if (loader.status().phase() == LoadStatus.Phase.FAILED) {
                    throw new IllegalStateException(loader.status().failure().orElse("load failed"));
                }
                Thread.sleep(100);
            }
            long loaded = System.nanoTime();
            while (!catalog.status().ready() || catalog.status().rebuilding()) {
                Thread.sleep(20);
            }
            CatalogStatus status = catalog.status();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "preset %s (%s): data ready after %.1f s; index rebuilt from PostgreSQL in %.1f s: %,d slots, "
                            + "arrays ~%d MB; whole heap after GC %d MB%n", preset, fresh ? "loaded now" : "kept from an earlier run",
                    (loaded - begin) / 1e9, status.lastRebuild().orElseThrow().took().toMillis() / 1e3, status.slots(), status.bytes() >> 20,
                    heap >> 20);

            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            List<URI> searches = searches(port, app.getBean(Directory.class), app.getBean(ServiceTypes.class));
            URI trivial = URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            load(http, List.of(trivial), concurrency, 5); // warm-up both
            load(http, searches, concurrency, 10);
            Result base = load(http, List.of(trivial), concurrency, seconds);
            Result search = load(http, searches, concurrency, seconds);
            System.out.printf(Locale.ROOT, "trivial endpoint: %s%n", base);
            System.out.printf(Locale.ROOT, "search:           %s%n", search);
            System.out.printf(Locale.ROOT, "search throughput / trivial throughput = %.2f (goal >= 0.6); search p99 %.2f ms (goal <= 10 ms)%n",
                    search.perSecond() / base.perSecond(), search.p99());
            // One client: the time a request itself takes, without waiting behind 31 others for 2 cores.
            Result alone = load(http, searches, 1, seconds / 2);
            Result trivialAlone = load(http, List.of(trivial), 1, seconds / 2);
            System.out.printf(Locale.ROOT, "one client: search %s%n            trivial %s%n", alone, trivialAlone);
        }
    }

    /** A mix of searches a province sees: near a postal code, by region, with and without filters, first pages mostly. */
    private static List<URI> searches(int port, Directory directory, ServiceTypes serviceTypes) {
        SplittableRandom random = new SplittableRandom(4);
        List<Clinic> clinics = directory.allClinics();
        List<String> services = serviceTypes.all().stream().map(t -> t.code().value()).toList();
        String[] professions = {"PHYSICIAN", "NURSE_PRACTITIONER", "NURSE"};
        LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Clinic near = clinics.get(random.nextInt(clinics.size()));
            StringBuilder q = new StringBuilder("http://127.0.0.1:" + port + "/api/v1/slots?");
            switch (random.nextInt(4)) {
                case 0 -> q.append("postalCode=").append(near.fsa().value()).append("&radiusKm=25");
                case 1 -> q.append("postalCode=").append(near.fsa().value()).append("&radiusKm=50&order=nearest");
                case 2 -> q.append("region=").append(near.region().value());
                default -> q.append("postalCode=").append(near.fsa().value()).append("&radiusKm=10");
            }
            if (random.nextInt(3) == 0) {
                q.append("&service=").append(services.get(random.nextInt(services.size())));
            }
            if (random.nextInt(3) == 0) {
                q.append("&profession=").append(professions[random.nextInt(professions.length)]);
            }
            if (random.nextInt(4) == 0) {
                q.append("&language=en");
            }
            if (random.nextInt(4) == 0) {
                LocalDate from = today.plusDays(random.nextInt(20));
                q.append("&from=").append(from).append("&to=").append(from.plusDays(7));
            }
            q.append("&page=").append(random.nextInt(10) < 8 ? 0 : random.nextInt(1, 4)).append("&size=20");
            uris.add(URI.create(q.toString()));
        }
        return uris;
    }

    record Result(long requests, long errors, double seconds, double p50, double p99, double max) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d requests in %.1f s = %,.0f/s, %d errors; p50 %.2f ms, p99 %.2f ms, max %.1f ms", requests,
                    seconds, perSecond(), errors, p50, p99, max);
        }
    }

    /** {@code clients} virtual threads, each sending the next request when its answer has arrived, for {@code seconds}. */
    static Result load(HttpClient http, List<URI> uris, int clients, int seconds) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                long[] latencies = new long[200_000];
                perClient.add(latencies);
                int client = c;
                pool.submit(() -> {
                    int n = 0;
                    SplittableRandom random = new SplittableRandom(client);
                    while (running.get() && n < latencies.length - 1) {
                        URI uri = uris.get(random.nextInt(uris.size()));
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (answer.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            errors.incrementAndGet();
                        }
                        latencies[++n] = System.nanoTime() - t0;
                    }
                    latencies[0] = n;
                    return null;
                });
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = perClient.stream().mapToLong(l -> l[0]).sum();
        long[] all = new long[(int) total];
        int i = 0;
        for (long[] latencies : perClient) {
            System.arraycopy(latencies, 1, all, i, (int) latencies[0]);
            i += (int) latencies[0];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), elapsed, all.length == 0 ? 0 : all[all.length / 2] / 1e6,
                all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6,
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }
}
