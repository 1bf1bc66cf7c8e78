package ca.careorchestrator.connector.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract kit does not pin down: incremental reads, HTTP caching, status codes, Bonjour Santé's codes. */
class SmartBulkConnectorTest {

    private BonjourSanteHarness harness;
    private final List<SourceRecord> records = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        harness = new BonjourSanteHarness();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Outcome pull(Checkpoint from) throws InterruptedException {
        records.clear();
        return harness.connector.pull(from, batch -> {
            records.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        });
    }

    private <T extends SourceRecord> List<T> all(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private Checkpoint fullRead() throws InterruptedException {
        return ((Outcome.Ok) pull(Checkpoint.NONE)).next();
    }

    @Test
    void isFoundByServiceLoaderForSmartBulk() {
        ConnectorFactory factory = ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.protocol() == Protocol.SMART_BULK).findFirst().orElseThrow();

        assertThat(factory.create(new SourceConfig(SourceSystem.BONJOUR_SANTE, harness.simulator.endpoint(), Map.of(),
                Duration.ofSeconds(5), Clock.systemUTC()))).isInstanceOf(SmartBulkConnector.class);
    }

    @Test
    void aFullReadPassesBonjourSantesOwnCodesAndBookingHints() throws Exception {
        Outcome outcome = pull(Checkpoint.NONE);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
        assertThat(all(SourceRecord.SiteSeen.class)).hasSize(2).allSatisfy(site -> {
            assertThat(site.siteRef()).startsWith("bjs-");
            assertThat(site.postalCode()).matches("[A-Z][0-9][A-Z] [0-9][A-Z][0-9]");
            assertThat(site.phone()).isNotBlank();
        });
        PlatformSlot first = harness.platform.slots().getFirst();
        Clinic clinic = harness.platform.clinics().stream().filter(c -> c.id().equals(first.clinic())).findFirst().orElseThrow();
        SourceRecord.SlotSeen seen = all(SourceRecord.SlotSeen.class).stream()
                .filter(s -> s.externalId().equals(BonjourSanteHarness.externalId(first))).findFirst().orElseThrow();
        assertThat(seen.siteRef()).isEqualTo(first.siteRef());
        assertThat(seen.professionalRef()).isEqualTo(first.professionalRef());
        assertThat(seen.serviceCode()).isEqualTo(first.serviceCode()).startsWith("BS-");
        assertThat(seen.professionCode()).isEqualTo(first.professionCode());
        assertThat(seen.modalityCode()).isEqualTo(first.modalityCode());
        assertThat(seen.start()).isEqualTo(first.start());
        assertThat(seen.duration()).isEqualTo(first.duration());
        assertThat(seen.version()).isEqualTo(first.version());
        assertThat(seen.booking().deepLink()).isEqualTo(URI.create("https://bonjour-sante.example/rdv/" + first.externalId()));
        assertThat(seen.booking().phone()).isEqualTo(clinic.phone());
        assertThat(harness.connector.offsetContradictions()).isZero();
    }

    @Test
    void anIncrementalReadAsksSinceTheTransactionTimeAndGetsOnlyTheChange() throws Exception {
        Checkpoint checkpoint = fullRead();
        harness.bookAtDesk();
        harness.clock.advance(Duration.ofSeconds(61));

        Outcome outcome = pull(checkpoint);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> {
            assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.CHANGES);
            assertThat(ok.next()).isNotEqualTo(checkpoint);
        });
        assertThat(all(SourceRecord.SlotSeen.class)).singleElement().satisfies(slot -> {
            assertThat(slot.free()).isFalse();
            assertThat(slot.version()).isEqualTo(2);
        });
    }

    @Test
    void withSinceOffANewPublicationIsReadWhole() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(harness.simulator.connectorSettings());
        settings.put("smart.since", "off");
        try (SmartBulkConnector whole = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE, harness.simulator.endpoint(),
                settings, Duration.ofSeconds(5), harness.clock))) {
            Checkpoint checkpoint = ((Outcome.Ok) whole.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size()))).next();
            harness.bookAtDesk();
            harness.clock.advance(Duration.ofSeconds(61));
            List<SourceRecord> seen = new ArrayList<>();

            Outcome outcome = whole.pull(checkpoint, batch -> {
                seen.addAll(batch);
                return Outcome.Ok.delivered(batch.size());
            });

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
            assertThat(seen.stream().filter(SourceRecord.SlotSeen.class::isInstance).count()).isEqualTo(harness.platform.size());
        }
    }

    @Test
    void anUnchangedPublicationAnswers304AndKeepsTheCheckpoint() throws Exception {
        Checkpoint checkpoint = fullRead();
        harness.clock.advance(Duration.ofSeconds(61));
        int before = harness.simulator.manifestRequests();

        assertThat(pull(checkpoint)).isEqualTo(new Outcome.Ok(0, checkpoint, Outcome.Coverage.CHANGES));
        assertThat(harness.simulator.manifestRequests()).isEqualTo(before + 1);
    }

    @Test
    void withinMaxAgeAnIncrementalReadDoesNotAskThePublisher() throws Exception {
        Checkpoint checkpoint = fullRead();
        harness.clock.advance(Duration.ofSeconds(10));
        harness.platform.bookAtDesk(new SplittableRandom(5)).orElseThrow();
        int before = harness.simulator.manifestRequests();

        assertThat(pull(checkpoint)).isEqualTo(new Outcome.Ok(0, checkpoint, Outcome.Coverage.CHANGES));
        assertThat(harness.simulator.manifestRequests()).isEqualTo(before);

        harness.clock.advance(Duration.ofSeconds(50));
        assertThat(pull(checkpoint)).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.recordsRead()).isPositive());
    }

    @Test
    void aFullReadAlwaysAsksEvenWithinMaxAge() throws Exception {
        fullRead();
        int before = harness.simulator.manifestRequests();

        fullRead();

        assertThat(harness.simulator.manifestRequests()).isEqualTo(before + 1);
    }

    @Test
    void aSlotWithdrawnAtTheClinicIsGoneInTheNextIncrementalRead() throws Exception {
        Checkpoint checkpoint = fullRead();
        harness.clock.advance(Duration.ofMinutes(1));
        PlatformSlot withdrawn = harness.platform.withdrawAtDesk(new SplittableRandom(5)).orElseThrow();
        harness.clock.advance(Duration.ofSeconds(61));

        pull(checkpoint);

        assertThat(all(SourceRecord.SlotGone.class)).singleElement()
                .satisfies(gone -> assertThat(gone.externalId()).isEqualTo(BonjourSanteHarness.externalId(withdrawn)));
    }

    @Test
    void aRateLimitGivesThePublishersDelay() throws Exception {
        harness.platform.faults().add(FaultMode.RATE_LIMITED);

        assertThat(pull(Checkpoint.NONE)).isInstanceOfSatisfying(Outcome.RetryAfter.class,
                retry -> assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void aServerErrorWithoutRetryAfterWaitsTheDefault() throws Exception {
        harness.platform.faults().add(FaultMode.SERVER_ERROR);

        assertThat(pull(Checkpoint.NONE)).isInstanceOfSatisfying(Outcome.RetryAfter.class,
                retry -> assertThat(retry.delay()).isEqualTo(SmartBulkConnector.DEFAULT_RETRY));
    }

    @Test
    void aResetMidFileAsksForARetryAndTheCheckpointStays() throws Exception {
        Checkpoint checkpoint = fullRead();
        harness.bookAtDesk();
        harness.clock.advance(Duration.ofSeconds(61));
        harness.platform.faults().add(FaultMode.CONNECTION_RESET);

        assertThat(pull(checkpoint)).isInstanceOf(Outcome.RetryAfter.class);
    }

    @Test
    void aManifestThatIsNotThereIsAPermanentFailure() throws Exception {
        try (SmartBulkConnector lost = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE,
                harness.simulator.endpoint().resolve("/nowhere/$bulk-publish"), Map.of(), Duration.ofSeconds(5), harness.clock))) {

            assertThat(lost.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size()))).isInstanceOf(Outcome.PermanentFailure.class);
        }
    }

    @Test
    void anUnauthorisedManifestIsAPermanentFailure() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try (SmartBulkConnector connector = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/$bulk-publish"), Map.of(), Duration.ofSeconds(5), harness.clock))) {

            assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size()))).isInstanceOf(Outcome.PermanentFailure.class);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aManifestWithoutTransactionTimeIsRejectedWithItsBody() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "{\"output\":[]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (SmartBulkConnector connector = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/$bulk-publish"), Map.of(), Duration.ofSeconds(5), harness.clock))) {

            assertThat(connector.pull(Checkpoint.NONE, batch -> Outcome.Ok.delivered(batch.size())))
                    .isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> assertThat(rejected.rawPayload()).isEqualTo("{\"output\":[]}"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSinkThatIsBusyStopsTheRead() throws Exception {
        Outcome busy = new Outcome.RetryAfter(Duration.ofSeconds(5), "store busy");

        assertThat(harness.connector.pull(Checkpoint.NONE, batch -> busy)).isEqualTo(busy);
    }

    @Test
    void declaresSearchAndDeepLinkOnly() {
        assertThat(harness.connector.capabilities()).isEqualTo(Set.of(
                ca.careorchestrator.connector.spi.Capability.SEARCH, ca.careorchestrator.connector.spi.Capability.DEEP_LINK));
    }
}
