package ca.careorchestrator.connector.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.SourceSystem;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A province-scale Slot file (120,000 lines, about 40 MB), generated as it is sent: the connector reads it as a
 * stream and hands it over in batches, never as a whole.
 */
class LargePublicationTest {

    private static final int SLOTS = 120_000;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            exchange.sendResponseHeaders(200, 0);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8), 1 << 16)) {
                switch (path) {
                    case "/$bulk-publish" -> out.write("{\"transactionTime\":\"2026-01-04T14:00:00Z\",\"request\":\"" + base + "/$bulk-publish\",\"output\":["
                            + "{\"type\":\"Location\",\"url\":\"" + base + "/l.ndjson\"},{\"type\":\"Schedule\",\"url\":\"" + base + "/s.ndjson\"},"
                            + "{\"type\":\"Slot\",\"url\":\"" + base + "/slots.ndjson\"}]}");
                    case "/l.ndjson" -> out.write("{\"resourceType\":\"Location\",\"id\":\"L1\",\"name\":\"CLSC\"}\n");
                    case "/s.ndjson" -> out.write("{\"resourceType\":\"Schedule\",\"id\":\"S1\",\"actor\":[{\"reference\":\"Location/L1\"}]}\n");
                    default -> {
                        Instant first = Instant.parse("2026-01-05T13:00:00Z");
                        for (int i = 0; i < SLOTS; i++) {
                            Instant start = first.plusSeconds(600L * i);
                            out.write("{\"resourceType\":\"Slot\",\"id\":\"s" + i + "\",\"schedule\":{\"reference\":\"Schedule/S1\"},"
                                    + "\"status\":\"" + (i % 3 == 0 ? "busy" : "free") + "\",\"start\":\"" + start + "\",\"end\":\""
                                    + start.plusSeconds(600) + "\",\"extension\":[{\"url\":\"http://fhir-registry.smarthealthit.org/"
                                    + "StructureDefinition/booking-deep-link\",\"valueUrl\":\"https://book.example/s" + i + "\"}]}\n");
                        }
                    }
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aProvinceScaleSlotFileIsStreamedInBatches() throws Exception {
        AtomicLong slots = new AtomicLong();
        AtomicLong free = new AtomicLong();
        AtomicInteger largestBatch = new AtomicInteger();
        try (SmartBulkConnector connector = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/$bulk-publish"), Map.of("smart.zone", "UTC"),
                Duration.ofSeconds(30), Clock.systemUTC()))) {
            long began = System.nanoTime();

            Outcome outcome = connector.pull(Checkpoint.NONE, batch -> {
                largestBatch.accumulateAndGet(batch.size(), Math::max);
                for (SourceRecord record : batch) {
                    if (record instanceof SourceRecord.SlotSeen slot) {
                        slots.incrementAndGet();
                        if (slot.free()) {
                            free.incrementAndGet();
                        }
                    }
                }
                return Outcome.Ok.delivered(batch.size());
            });

            System.out.printf("LargePublicationTest: %,d slots in %d ms%n", slots.get(), (System.nanoTime() - began) / 1_000_000);
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.recordsRead()).isEqualTo(SLOTS + 1));
        }
        assertThat(slots.get()).isEqualTo(SLOTS);
        assertThat(free.get()).isEqualTo(SLOTS - SLOTS / 3);
        assertThat(largestBatch.get()).isEqualTo(500);
    }
}
