package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The booking rush of issue #4: {@code bench.patients} (20,000) simulated patients racing for
 * {@code bench.slots} (2,000) free slots bookable by API, through the HTTP API (hold, then confirm, which books on
 * the simulated platform over FHIR or HL7 MLLP), against PostgreSQL. Each patient tries up to three slots
 * (a random one, then the alternatives the refusal offers). Reports confirmed bookings per second over the rush,
 * double bookings (here and at the sources) and how every loser was answered. Not a test: figures go in notes.
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.BookingRushBench</pre>
 * Properties: bench.preset (region), bench.patients, bench.slots, bench.clients (64 concurrent HTTP clients).
 */
public final class BookingRushBench {

    private static final String SCHEMA = "care_bench_rush";
    private static final String BENCH_CLIENT = "bench-rush";
    private static final String BENCH_SECRET = "bench-rush-secret";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z-]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern ALTERNATIVE = Pattern.compile("\"alternatives\"\\s*:\\s*\\[\\s*\\{\\s*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private BookingRushBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "region");
        int patients = Integer.getInteger("bench.patients", 20_000);
        int slots = Integer.getInteger("bench.slots", 2_000);
        int clients = Integer.getInteger("bench.clients", 64);
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        BenchSchema.printMachine();
        BenchSchema.fresh(url, SCHEMA);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--care.data-dir=" + Files.createTempDirectory("care-bench-rush"),
                        "--care.provisioning.preset=" + preset, "--care.provisioning.slots=sources", "--care.simulation.tick=1h",
                        "--care.simulation.desk-bookings-per-hour=0", "--care.simulation.cancellations-per-hour=0",
                        "--care.simulation.withdrawals-per-hour=0", "--care.ingestion.poll-interval=1h", "--care.ingestion.full-read-interval=24h",
                        "--care.ingestion.timeout=120s", "--spring.datasource.hikari.maximum-pool-size=32",
                        "--logging.level.ca.careorchestrator.app.booking=WARN",
                        // The rush comes through one partner platform (issue #5: a bearer token, holds naming the patient) whose
                        // quota and rate limit are set above the rush: the bench measures booking, not the guards.
                        "--care.security.clients[0].client-id=" + BENCH_CLIENT, "--care.security.clients[0].secret={noop}" + BENCH_SECRET,
                        "--care.security.clients[0].scopes=booking", "--care.security.issuer.token-ttl=2h",
                        "--care.security.clients[0].limits.holds-per-hour=1000000",
                        "--care.security.clients[0].limits.requests-per-second=1000000", "--care.security.clients[0].limits.burst=1000000")) {
            long begin = System.nanoTime();
            ProvinceLoader loader = app.getBean(ProvinceLoader.class);
            Sources sources = app.getBean(Sources.class);
            PlatformSimulation platforms = app.getBean(PlatformSimulation.class);
            Catalog catalog = app.getBean(Catalog.class);
            while (!loader.status().ready() || platforms.simulation().isEmpty()
                    || sources.statuses().size() < platforms.simulation().get().servers().size()
                    || !sources.statuses().stream().allMatch(s -> s.phase() == SourceStatus.Phase.UP)) {
                Thread.sleep(200);
            }
            catalog.awaitCurrent(Duration.ofMinutes(5));
            System.out.printf(Locale.ROOT, "preset %s synced from the simulated platforms in %.0f s%n", preset, (System.nanoTime() - begin) / 1e9);

            List<String> targets = apiSlots(catalog, app.getBean(Clock.class).instant(), slots);
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            // The patients are residents of the province the application registered (same generator, same spec): the
            // registry verifies every hold's patient (#5), so invented NAMs would all be refused.
            Rush rush = new Rush(port, targets, clients, residents(preset, app.getBean(Clock.class), patients));
            rush.run(patients);
            rush.report(url);
            atTheSources(url, platforms.simulation().orElseThrow());
        }
    }

    /** The first {@code count} residents as the hold body's {@code patient}. */
    private static List<String> residents(String preset, Clock clock, int count) {
        List<String> people = new ArrayList<>(count);
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("America/Montreal"));
        ProvinceGenerator.generate(new ProvinceSpec(Preset.fromCode(preset), ProvinceSpec.DEFAULT_SEED, firstDay, ProvinceSpec.DEFAULT_WEEKS))
                .forEachResident(resident -> {
                    if (people.size() < count) {
                        Patient p = resident.patient();
                        people.add("{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(p.nam().value(), p.birthDate()));
                    }
                });
        if (people.size() < count) {
            throw new IllegalArgumentException("the " + preset + " preset registers " + people.size() + " people, fewer than bench.patients");
        }
        return people;
    }

    private static List<String> apiSlots(Catalog catalog, Instant now, int count) {
        List<String> found = new ArrayList<>();
        Instant from = now.plus(Duration.ofHours(2));
        for (int page = 0; found.size() < count && page < 500; page++) {
            SlotQuery query = new SlotQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), from, from.plus(Duration.ofDays(60)), SlotQuery.Order.SOONEST, page, 100);
            List<SlotHit> hits = catalog.search(query).hits();
            if (hits.isEmpty()) {
                break;
            }
            hits.stream().filter(h -> h.channel() == BookingChannel.API).map(h -> h.id().toString()).forEach(found::add);
        }
        Collections.shuffle(found, new java.util.Random(5));
        return List.copyOf(found.subList(0, Math.min(count, found.size())));
    }

    private static final class Rush {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;
        private final List<String> targets;
        private final java.util.Set<String> targetSet;
        private final int clients;
        private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        private final AtomicLong confirmed = new AtomicLong();
        private final AtomicLong lastConfirmationNanos = new AtomicLong();
        private final AtomicLong withoutAnswer = new AtomicLong();
        private long start;
        private long end;
        private int patients;
        private final List<String> people;

        private final String token;

        Rush(int port, List<String> targets, int clients, List<String> people) throws java.io.IOException, InterruptedException {
            this.people = people;
            this.base = "http://127.0.0.1:" + port + "/api/v1";
            this.token = token(port);
            this.targets = targets;
            this.targetSet = java.util.Set.copyOf(targets);
            this.clients = clients;
        }

        void run(int patients) throws InterruptedException {
            this.patients = patients;
            ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < patients; i++) {
                queue.add(i);
            }
            start = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    pool.submit(() -> {
                        Integer next;
                        while ((next = queue.poll()) != null) {
                            patient(next);
                        }
                        return null;
                    });
                }
            }
            end = System.nanoTime();
        }

        private void patient(int n) {
            SplittableRandom random = new SplittableRandom(n);
            String patient = people.get(n);
            String slot = targets.get(random.nextInt(targets.size()));
            for (int attempt = 0; attempt < 3 && slot != null; attempt++) {
                HttpResponse<String> hold = post("/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient));
                if (hold == null) {
                    return;
                }
                if (hold.statusCode() == 201) {
                    String holdId = first(ID, hold.body());
                    HttpResponse<String> confirm = post("/holds/" + holdId + "/confirm", "{\"patient\":" + patient + "}");
                    if (confirm == null) {
                        return;
                    }
                    count("confirm " + confirm.statusCode() + " " + Optional.ofNullable(first(CODE, confirm.body())).orElse(""));
                    if (confirm.statusCode() == 201) {
                        confirmed.incrementAndGet();
                        lastConfirmationNanos.set(System.nanoTime());
                        return;
                    }
                    slot = first(ALTERNATIVE, confirm.body());
                } else {
                    count("hold " + hold.statusCode() + " " + first(CODE, hold.body()));
                    slot = first(ALTERNATIVE, hold.body());
                    if (slot != null && !targetSet.contains(slot)) {
                        slot = targets.get(random.nextInt(targets.size())); // the race is for the chosen slots only
                    }
                }
            }
        }

        /** The partner's access token from the embedded issuer (client credentials); it lasts longer than the rush. */
        private String token(int port) throws java.io.IOException, InterruptedException {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + BENCH_CLIENT + "&client_secret="
                            + BENCH_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
            if (answer.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("no token for the bench's partner: " + answer.statusCode());
            }
            return m.group(1);
        }

        private HttpResponse<String> post(String path, String body) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("Accept-Language", "fr")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                withoutAnswer.incrementAndGet();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private void count(String answer) {
            answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
        }

        private static String first(Pattern pattern, String text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m.group(1) : null;
        }

        void report(String url) throws SQLException {
            double rushSeconds = (lastConfirmationNanos.get() - start) / 1e9;
            double allSeconds = (end - start) / 1e9;
            System.out.printf(Locale.ROOT, "rush: %,d patients for %,d slots through HTTP (%d concurrent clients)%n", patients, targets.size(), clients);
            System.out.printf(Locale.ROOT, "  %,d confirmed in %.1f s (first request to last confirmation) = %,.0f confirmed bookings/s; "
                    + "every patient answered after %.1f s%n", confirmed.get(), rushSeconds, confirmed.get() / rushSeconds, allSeconds);
            answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-50s %,8d%n", e.getKey(), e.getValue().get()));
            System.out.printf(Locale.ROOT, "  requests without an HTTP answer: %d%n", withoutAnswer.get());
            try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + SCHEMA, "postgres", "");
                    Statement s = c.createStatement()) {
                System.out.printf(Locale.ROOT, "  slots with more than one live appointment: %d; confirmed appointments: %d; "
                                + "slots BOOKED by us without a confirmed appointment: %d%n",
                        BenchSchema.single(s, "select count(*) from (select slot_id from booking_appointment where state in ('PENDING','CONFIRMED') "
                                + "group by slot_id having count(*) > 1) t"),
                        BenchSchema.single(s, "select count(*) from booking_appointment where state = 'CONFIRMED'"),
                        BenchSchema.single(s, "select count(*) from availability_slot s where s.state = 'BOOKED' and s.booked_by = 'ORCHESTRATOR' "
                                + "and not exists (select 1 from booking_appointment a where a.slot_id = s.id and a.state = 'CONFIRMED')"));
            }
        }
    }

    /** Every confirmed appointment is booked at its source, and no source slot of ours is booked twice (the simulators refuse it). */
    private static void atTheSources(String url, ca.careorchestrator.simulator.Simulation simulation) throws SQLException {
        long booked = 0;
        long notBooked = 0;
        try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + SCHEMA, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select source_system, external_id from booking_appointment where state = 'CONFIRMED'")) {
            while (rs.next()) {
                String system = rs.getString(1);
                String external = rs.getString(2);
                boolean taken = simulation.servers().stream().map(server -> server.platform())
                        .filter(p -> p.system().name().equals(system)).findFirst()
                        .flatMap(p -> p.slot(external)).map(slot -> !slot.free()).orElse(false);
                if (taken) {
                    booked++;
                } else {
                    notBooked++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "  at the sources: %d confirmed appointments booked there, %d not found booked%n", booked, notBooked);
    }
}
