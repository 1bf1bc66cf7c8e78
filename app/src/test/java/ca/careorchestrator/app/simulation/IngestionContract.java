package ca.careorchestrator.app.simulation;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.Simulation;
import ca.careorchestrator.simulator.fhir.FhirSimulator;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.smart.BonjourSanteSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The default run's whole path, end to end on real sockets: every simulated platform of the tiny province
 * on its own port, read by its connector, mapped, applied; then desk changes, faults, silent deletions,
 * quarantine and replay. Subclasses pick the database.
 *
 * <p>The Bonjour Santé mapping table is replaced (through {@code care.ingestion.mappings-dir}) by one that
 * lacks a service code, so that part of its slots lands in quarantine until the table is fixed and replayed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class IngestionContract {

    static final String MISSING_CODE = "BS-103";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    JdbcClient jdbc;

    Simulation simulation;
    final SplittableRandom random = new SplittableRandom(7);

    /** A mapping folder whose Bonjour Santé table lacks one service code. */
    static Path mappingsMissingACode() throws IOException {
        Path dir = Files.createTempDirectory("care-mappings");
        Files.writeString(dir.resolve("bonjour-sante.tsv"), builtInTable("bonjour-sante.tsv").lines()
                .filter(line -> !line.startsWith("service\t" + MISSING_CODE + "\t"))
                .collect(Collectors.joining("\n", "", "\n")));
        return dir;
    }

    static String builtInTable(String name) throws IOException {
        try (InputStream in = IngestionContract.class.getResourceAsStream("/ingestion/mappings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    abstract Path mappingsDir();

    @BeforeAll
    void everySourceUp() {
        simulation = Waits.everySourceUp(loader, platforms, sources);
    }

    @Test
    @Order(1)
    void everyProtocolOfTheProvinceIsConnected() {
        assertThat(simulation.servers()).extracting(s -> s.platform().system().protocol()).contains(Protocol.FHIR_R4,
                Protocol.SMART_BULK, Protocol.HL7V2_MLLP);
        assertThat(sources.statuses()).allSatisfy(s -> assertThat(s.recordsIn()).isPositive());
    }

    @Test
    @Order(2)
    void unmappedCodesWaitInQuarantineAndAMappingFixReplaysThem() throws Exception {
        JsonNode open = json(get("/api/v1/quarantine?source=bonjour-sante&status=open&size=200"));
        long quarantined = open.get("totalItems").asLong();
        assertThat(quarantined).isPositive();
        assertThat(open.get("items").get(0).get("reason").asString()).contains("'" + MISSING_CODE + "'");
        assertThat(open.get("items").get(0).get("rawPayload").asString()).contains(MISSING_CODE);
        assertThat(open.get("items").get(0).get("replayable").asBoolean()).isTrue();

        Files.writeString(mappingsDir().resolve("bonjour-sante.tsv"), builtInTable("bonjour-sante.tsv"));
        assertThat(post("/api/v1/mappings/reload").statusCode()).isEqualTo(200);
        JsonNode replay = json(post("/api/v1/quarantine/replay?source=bonjour-sante"));

        assertThat(replay.get("replayed").asLong()).isEqualTo(quarantined);
        assertThat(replay.get("stillFailing").asLong()).isZero();
        assertThat(json(get("/api/v1/quarantine?source=bonjour-sante&status=open")).get("totalItems").asLong()).isZero();
    }

    @Test
    @Order(3)
    void theStoreHoldsWhatEveryPlatformPublishes() {
        for (PlatformServer server : simulation.servers()) {
            SimulatedPlatform platform = server.platform();
            SourceSystem system = platform.system();
            assertThat(liveListings(system)).as("%s listings", system).isEqualTo(platform.size());
            assertThat(freeListings(system)).as("%s free listings", system).isEqualTo(platform.freeExternalIds().size());
        }
        long physical = jdbc.sql("select count(*) from availability_slot").query(Long.class).single();
        long listings = jdbc.sql("select count(*) from availability_listing").query(Long.class).single();
        assertThat(listings).as("clinics on two systems: some slots have two listings").isGreaterThan(physical);
    }

    @Test
    @Order(4)
    void aDeskBookingPushedOverMllpIsAppliedBeforeTheAck() throws Exception {
        PlatformServer hl7 = server(Protocol.HL7V2_MLLP);
        PlatformSlot taken = hl7.platform().bookAtDesk(random).orElseThrow();

        Instant sent = Instant.now();
        simulation.tick(Duration.ZERO);
        Duration elapsed = Duration.between(sent, Instant.now());

        // The simulator waits for each ACK, and the connector ACKs after the apply: it is already stored.
        assertThat(listingFree(hl7.platform().system(), taken.externalId())).isFalse();
        System.out.printf("MLLP push of one desk booking applied and acknowledged in %d ms%n", elapsed.toMillis());
    }

    @Test
    @Order(5)
    void aPulledSourceSeesADeskBookingOnItsNextRead() {
        PlatformServer fhir = server(Protocol.FHIR_R4);
        PlatformSlot taken = fhir.platform().bookAtDesk(random).orElseThrow();

        await(Duration.ofSeconds(30), () -> !listingFree(fhir.platform().system(), taken.externalId()), "the booking is read");
    }

    @Test
    @Order(5)
    void aNotificationPostedByAFhirSourceIsAppliedBeforeTheAnswer() throws Exception {
        FhirSimulator fhir = (FhirSimulator) server(Protocol.FHIR_R4);
        SourceSystem system = fhir.platform().system();
        PlatformSlot taken = fhir.platform().bookAtDesk(random).orElseThrow();
        String path = "/api/v1/sources/" + system.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "/notifications";

        HttpResponse<String> answer = post(path, fhir.notification(java.util.List.of(taken)), "application/fhir+json");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(listingFree(system, taken.externalId())).isFalse();

        HttpResponse<String> broken = post(path, "{\"resourceType\":\"Patient\"}", "application/fhir+json");
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(get("/api/v1/quarantine?source=" + system.name() + "&status=open")).get("items").get(0).get("rawPayload").asString())
                .contains("Patient");
    }

    @Test
    @Order(6)
    void aSlotDeletedSilentlyIsWithdrawnAfterAFullRead() throws Exception {
        PlatformServer smart = server(Protocol.SMART_BULK);
        PlatformSlot deleted = smart.platform().deleteSilently(random).orElseThrow();
        String name = smart.platform().system().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');

        assertThat(post("/api/v1/sources/" + name + "/sync?full=true").statusCode()).isEqualTo(202);

        // The SMART connector names a slot by its Slot.id and start (Slot.id alone repeats at some publishers).
        String wireId = BonjourSanteSimulator.slotResourceId(deleted) + "|" + deleted.start();

        await(Duration.ofSeconds(30), () -> listingGone(smart.platform().system(), wireId), "the full read notices it");
        long otherChannels = jdbc.sql("""
                        select count(*) from availability_listing o join availability_listing l on l.slot_id = o.slot_id
                        where l.source_system = :s and l.external_id = :id and not o.gone""")
                .param("s", smart.platform().system().name()).param("id", wireId).query(Long.class).single();
        if (otherChannels == 0) {
            assertThat(slotState(smart.platform().system(), wireId)).isEqualTo("WITHDRAWN");
        }
    }

    @Test
    @Order(7)
    void aSourceThatFailsIsRetriedAndNoChangeIsLost() {
        PlatformServer fhir = server(Protocol.FHIR_R4);
        SourceSystem system = fhir.platform().system();
        fhir.platform().faults().add(FaultMode.SERVER_ERROR);
        PlatformSlot taken = fhir.platform().bookAtDesk(random).orElseThrow();
        try {
            await(Duration.ofSeconds(30), () -> sources.status(system).orElseThrow().lastError().isPresent(), "the failure is seen");
            SourceStatus failing = sources.status(system).orElseThrow();
            assertThat(failing.phase()).isIn(SourceStatus.Phase.RETRYING, SourceStatus.Phase.DOWN);
            assertThat(listingFree(system, taken.externalId())).isTrue();
        } finally {
            fhir.platform().faults().remove(FaultMode.SERVER_ERROR);
        }
        sources.syncNow(system, false);
        await(Duration.ofSeconds(30), () -> !listingFree(system, taken.externalId()), "the change made during the outage arrives");
        await(Duration.ofSeconds(30), () -> sources.status(system).orElseThrow().phase() == SourceStatus.Phase.UP, "the source is up again");
    }

    @Test
    @Order(8)
    void theStatusApiAndPageShowEverySource() throws Exception {
        JsonNode list = json(get("/api/v1/sources"));
        assertThat(list.size()).isEqualTo(simulation.servers().size());
        assertThat(list.get(0).get("recordsIn").asLong()).isPositive();
        assertThat(list.get(0).get("mappingVersion").asString()).isNotBlank();

        HttpResponse<String> page = get("/operations/sources");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Omnimed").contains("Rendez-vous santé Québec");
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Plateformes des cliniques", "/operations/sources");
        assertThat(get("/operations/quarantine?lang=en").body()).contains("Quarantine entries");
    }

    PlatformServer server(Protocol protocol) {
        return simulation.servers().stream().filter(s -> s.platform().system().protocol() == protocol).findFirst().orElseThrow();
    }

    long liveListings(SourceSystem system) {
        return jdbc.sql("select count(*) from availability_listing where source_system = :s and not gone")
                .param("s", system.name()).query(Long.class).single();
    }

    long freeListings(SourceSystem system) {
        return jdbc.sql("select count(*) from availability_listing where source_system = :s and not gone and free")
                .param("s", system.name()).query(Long.class).single();
    }

    boolean listingFree(SourceSystem system, String externalId) {
        return jdbc.sql("select free and not gone from availability_listing where source_system = :s and external_id = :id")
                .param("s", system.name()).param("id", externalId).query(Boolean.class).single();
    }

    boolean listingGone(SourceSystem system, String externalId) {
        return jdbc.sql("select gone from availability_listing where source_system = :s and external_id = :id")
                .param("s", system.name()).param("id", externalId).query(Boolean.class).single();
    }

    String slotState(SourceSystem system, String externalId) {
        return jdbc.sql("""
                        select s.state from availability_slot s join availability_listing l on l.slot_id = s.id
                        where l.source_system = :s and l.external_id = :id""")
                .param("s", system.name()).param("id", externalId).query(String.class).single();
    }

    private Caller operatorAtTheOperationsPages;

    /** The operations pages as the demo operator (signed in with the form); the API with the operations client's token. */
    HttpResponse<String> get(String path) throws Exception {
        if (path.startsWith("/operations")) {
            if (operatorAtTheOperationsPages == null) {
                operatorAtTheOperationsPages = Caller.staff(port, "exploitation");
            }
            return operatorAtTheOperationsPages.page(path);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + operations())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A notification pushed by a source platform, with its own client (scope notify). */
    HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + Caller.token(port, "demo-source", "demo-notify-secret"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + operations())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String operations() {
        return Caller.token(port, Caller.OPERATIONS, Caller.OPERATIONS_SECRET);
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
