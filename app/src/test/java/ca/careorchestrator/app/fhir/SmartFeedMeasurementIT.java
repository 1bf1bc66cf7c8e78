package ca.careorchestrator.app.fhir;

import static ca.careorchestrator.app.support.Waits.await;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rough measurement of the SMART publication on a larger province (not a test: nothing is asserted, figures are
 * printed for the notes). Runs only when asked: {@code -Dit.test=SmartFeedMeasurementIT -Dsmart.measure=true}
 * ({@code -Dsmart.preset=region|province}, {@code -Dsmart.weeks=8}). Slots are written directly into PostgreSQL; the
 * listings of the platforms that book by their own page get a deep link (as ingestion would give them), so the
 * feed's deep-link lookups run. Each Slot file is read over HTTP and thrown away, timed, with the JVM's heap sampled
 * meanwhile (the server and this client share it) and the bytes allocated counted.
 */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@EnabledIfSystemProperty(named = "smart.measure", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"care.provisioning.slots=direct",
        "care.simulation.enabled=false", "care.allocation.seed-example-policies=false"})
class SmartFeedMeasurementIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.useFreshSchema(registry, "smart_feed_measure");
        registry.add("care.provisioning.preset", () -> System.getProperty("smart.preset", "region"));
        registry.add("care.provisioning.weeks", () -> System.getProperty("smart.weeks", "8"));
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Catalog catalog;
    @Autowired
    JdbcClient jdbc;

    @Test
    void measuresTheFeed() throws Exception {
        Instant begin = Instant.now();
        await(Duration.ofHours(1), () -> loader.status().ready(), "the province is loaded");
        await(Duration.ofMinutes(30), () -> catalog.status().ready() && !catalog.status().rebuilding(), "the index is built");
        int linked = jdbc.sql("update availability_listing set deep_link = 'https://bonjour-sante.example/rdv/' || external_id"
                + " where source_system = 'BONJOUR_SANTE'").update();
        catalog.rebuild();
        System.out.printf(Locale.ROOT, "%n== SMART feed measurement: %s, %d cores, max heap %d MB, JDK %s; province ready in %d s;"
                        + " index %,d slots; %,d listings given a deep link%n", System.getProperty("smart.preset", "region"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                Duration.between(begin, Instant.now()).toSeconds(), catalog.status().slots(), linked);

        HttpClient http = HttpClient.newHttpClient();
        String manifest = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/smart/$bulk-publish")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> urls = new java.util.ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"url\":\"([^\"]+)\"").matcher(manifest);
        while (matcher.find()) {
            urls.add(matcher.group(1));
        }
        for (boolean gzip : new boolean[] {false, true, false}) {
            long lines = 0;
            long bytes = 0;
            System.gc();
            long before = used();
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (reading.get()) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long allocatedBefore = allocated();
            long started = System.nanoTime();
            for (String url : urls) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
                if (gzip) {
                    request.header("Accept-Encoding", "gzip");
                }
                long fileStarted = System.nanoTime();
                HttpResponse<InputStream> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                long fileBytes = 0;
                long fileLines = 0;
                try (InputStream body = answer.body()) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                        fileBytes += n;
                        if (!gzip) {
                            for (int i = 0; i < n; i++) {
                                if (buffer[i] == '\n') {
                                    fileLines++;
                                }
                            }
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "  %-60s %s %,12d lines %,14d bytes %7.2f s%n", url.substring(url.indexOf("/smart/")),
                        gzip ? "gzip" : "    ", fileLines, fileBytes, (System.nanoTime() - fileStarted) / 1e9);
                lines += fileLines;
                bytes += fileBytes;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            reading.set(false);
            sampler.join();
            System.out.printf(Locale.ROOT, "  all files%s: %,d lines, %,d MB in %.1f s (%,.0f lines/s, %.0f MB/s); heap after GC before %d MB,"
                            + " peak while reading %d MB (+%d MB); allocated %,d MB%n", gzip ? " (gzip)" : "", lines, bytes >> 20, seconds,
                    lines / seconds, (bytes >> 20) / seconds, before >> 20, peak.get() >> 20, (peak.get() - before) >> 20,
                    (allocated() - allocatedBefore) >> 20);
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long allocated() throws IOException {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
