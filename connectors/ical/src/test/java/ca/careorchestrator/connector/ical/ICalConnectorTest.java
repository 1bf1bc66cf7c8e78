package ca.careorchestrator.connector.ical;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side, against a loopback server answering what each test needs. */
class ICalConnectorTest {

    private static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
    private static final String FEED = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VAVAILABILITY
            UID:4242@chronometric.example
            X-CHRONO-SITE:chrono-5@chronometric.example
            LOCATION:Clinique médicale Fleurimont
            BEGIN:AVAILABLE
            UID:mo-0900@chronometric.example
            DTSTART;TZID=America/Montreal:20261005T090000
            DURATION:PT15M
            RRULE:FREQ=WEEKLY;COUNT=3
            END:AVAILABLE
            END:VAVAILABILITY
            END:VCALENDAR
            """.replace("\n", "\r\n");

    private HttpServer server;
    private final List<String> conditions = new ArrayList<>();

    private record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private PullConnector connectorAnswering(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.ics", exchange -> {
            try (exchange) {
                conditions.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    exchange.getResponseBody().write(answer.body());
                }
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.ics");
        return (PullConnector) new ICalConnectorFactory().create(new SourceConfig(SourceSystem.CHRONOMETRIC, endpoint, Map.of(),
                Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void isFoundByServiceLoaderForICalendar() {
        assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get).map(ConnectorFactory::protocol))
                .contains(Protocol.ICALENDAR);
    }

    @Test
    void aWholeFeedIsAFullReadAndItsEtagIsTheNextCheckpoint() throws Exception {
        List<SourceRecord> received = new ArrayList<>();
        PullConnector connector = connectorAnswering(new Answer(200, Map.of("ETag", "\"41-7\""), FEED.getBytes(StandardCharsets.UTF_8)));

        Outcome outcome = connector.pull(Checkpoint.NONE, batch -> {
            received.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        });

        assertThat(outcome).isEqualTo(new Outcome.Ok(4, new Checkpoint("etag \"41-7\""), Outcome.Coverage.FULL));
        assertThat(received).hasSize(4).first().isInstanceOf(SourceRecord.SiteSeen.class);
    }

    @Test
    void notModifiedIsNothingReadAtTheSameCheckpoint() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(304, Map.of("ETag", "\"41-7\""), new byte[0]));
        Checkpoint checkpoint = new Checkpoint("etag \"41-7\"");

        Outcome outcome = connector.pull(checkpoint, batch -> {
            throw new AssertionError("nothing to deliver");
        });

        assertThat(outcome).isEqualTo(new Outcome.Ok(0, checkpoint, Outcome.Coverage.CHANGES));
        assertThat(conditions).containsExactly("\"41-7\"");
    }

    @Test
    void aRateLimitWaitsTheSecondsTheFeedAsks() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(429, Map.of("Retry-After", "120"), new byte[0]));

        assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size())))
                .isInstanceOfSatisfying(Outcome.RetryAfter.class, retry -> assertThat(retry.delay()).isEqualTo(Duration.ofMinutes(2)));
    }

    @Test
    void aRetryAfterDateIsCountedFromTheInjectedClock() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(503, Map.of("Retry-After", "Thu, 01 Oct 2026 00:05:00 GMT"), new byte[0]));

        assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size())))
                .isInstanceOfSatisfying(Outcome.RetryAfter.class, retry -> assertThat(retry.delay()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void anUnknownFeedIsAPermanentFailure() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(404, Map.of(), new byte[0]));

        assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size()))).isInstanceOf(Outcome.PermanentFailure.class);
    }

    @Test
    void aClosedPortAsksForARetry() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(200, Map.of(), new byte[0]));
        server.stop(0);
        server = null;

        assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size()))).isInstanceOf(Outcome.RetryAfter.class);
    }

    @Test
    void theContentTypeCharsetDecidesHowTheFeedIsDecoded() throws Exception {
        List<SourceRecord> received = new ArrayList<>();
        PullConnector connector = connectorAnswering(new Answer(200, Map.of("Content-Type", "text/calendar; charset=ISO-8859-1"),
                FEED.getBytes(StandardCharsets.ISO_8859_1)));

        connector.pull(Checkpoint.NONE, batch -> {
            received.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        });

        assertThat(received.getFirst()).isInstanceOfSatisfying(SourceRecord.SiteSeen.class,
                site -> assertThat(site.name()).isEqualTo("Clinique médicale Fleurimont"));
    }

    @Test
    void aBusySinkStopsThePullWithItsOwnAnswer() throws Exception {
        PullConnector connector = connectorAnswering(new Answer(200, Map.of("ETag", "\"1\""), FEED.getBytes(StandardCharsets.UTF_8)));
        Outcome.RetryAfter busy = new Outcome.RetryAfter(Duration.ofSeconds(3), "store busy");

        assertThat(connector.pull(Checkpoint.NONE, batch -> busy)).isEqualTo(busy);
    }

    @Test
    void deliversInBatchesOfAtMostFiveHundred() throws Exception {
        String minutes = FEED.replace("DURATION:PT15M", "DURATION:PT2H\r\nX-CHRONO-SLOT-LENGTH:PT1M").replace("COUNT=3", "COUNT=8");
        List<Integer> sizes = new ArrayList<>();
        PullConnector connector = connectorAnswering(new Answer(200, Map.of(), minutes.getBytes(StandardCharsets.UTF_8)));

        Outcome outcome = connector.pull(Checkpoint.NONE, batch -> {
            sizes.add(batch.size());
            return Outcome.Ok.delivered(batch.size());
        });

        assertThat(sizes).containsExactly(500, 461);
        assertThat(outcome).isEqualTo(new Outcome.Ok(961, Checkpoint.NONE, Outcome.Coverage.FULL));
    }
}
