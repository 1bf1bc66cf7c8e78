package ca.careorchestrator.app.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.core.patient.Sex;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Resident;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The JSON API and the problem catalogue over real HTTP, on the embedded database with the tiny province. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=2",
        "care.provisioning.slots=direct", "care.simulation.enabled=false", "care.catalog.rebuild-every=2s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("care-api-it");
        registry.add("care.data-dir", dir::toString);
        Path extension = Files.writeString(dir.resolve("service-types.tsv"),
                "smoking-cessation\t30\tCessation tabagique\tSmoking cessation\n");
        registry.add("care.service-types.extension", extension::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProvinceLoader loader;
    @Autowired
    ca.careorchestrator.app.catalog.Catalog catalog;

    @BeforeAll
    void provinceLoaded() throws InterruptedException {
        Loads.awaitReady(loader);
        assertThat(catalog.awaitCurrent(java.time.Duration.ofSeconds(60))).as("the search index is built").isTrue();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As a partner platform (bearer token from the embedded issuer): holds name the patient they are for. */
    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + Caller.token(port, Caller.PARTNER, Caller.PARTNER_SECRET))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postAnonymously(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("https://care-orchestrator.example/problems/" + code);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        // No stack trace, no "trace" field (a plain "trace" also matched the service "Contraception" among the alternatives).
        assertThat(response.body()).doesNotContain("Exception", "at ca.", "at org.", "\"trace\"");
        assertThat(problem.has("trace")).isFalse();
    }

    @Test
    void listsThe18RegionsWithTheLoadedSupply() throws Exception {
        JsonNode regions = json(get("/api/v1/regions"));

        assertThat(regions.size()).isEqualTo(18);
        JsonNode gaspesie = regions.get(10);
        assertThat(gaspesie.get("code").asString()).isEqualTo("11");
        assertThat(gaspesie.get("name").asString()).isEqualTo("Gaspésie–Îles-de-la-Madeleine");
        assertThat(gaspesie.get("clinics").asInt()).isBetween(10, 20);
        assertThat(gaspesie.get("physicians").asInt()).isPositive();
        assertThat(gaspesie.get("futureSlots").asLong()).isGreaterThanOrEqualTo(gaspesie.get("freeFutureSlots").asLong());
        assertThat(regions.get(5).get("clinics").asInt()).isZero(); // Montréal is not in the tiny preset
    }

    @Test
    void showsARegionWithItsNetworks() throws Exception {
        JsonNode region = json(get("/api/v1/regions/11"));

        assertThat(region.get("localNetworks").size()).isEqualTo(5);
        assertThat(region.get("localNetworks").get(0).get("code").asString()).startsWith("11");
        assertProblem(get("/api/v1/regions/19"), 404, "region-not-found");
        assertProblem(get("/api/v1/regions/x"), 404, "region-not-found");
    }

    @Test
    void pagesClinicsOfARegion() throws Exception {
        JsonNode first = json(get("/api/v1/clinics?region=11&size=5"));
        JsonNode second = json(get("/api/v1/clinics?region=11&size=5&page=1"));

        assertThat(first.get("items").size()).isEqualTo(5);
        assertThat(first.get("totalItems").asLong()).isBetween(10L, 20L);
        assertThat(first.get("totalPages").asLong()).isEqualTo((first.get("totalItems").asLong() + 4) / 5);
        assertThat(second.get("items").get(0).get("id").asString()).isNotEqualTo(first.get("items").get(0).get("id").asString());
        JsonNode clinic = first.get("items").get(0);
        assertThat(clinic.get("systems").size()).isBetween(1, 2);
        assertThat(json(get("/api/v1/clinics/" + clinic.get("id").asString())).get("name").asString())
                .isEqualTo(clinic.get("name").asString());
        assertThat(json(get("/api/v1/clinics?region=06")).get("totalItems").asLong()).isZero();
    }

    @Test
    void findsClinicsNearestFirstAroundAPostalCode() throws Exception {
        JsonNode near = json(get("/api/v1/clinics?postalCode=g4t%201a1&radiusKm=200&size=50"));

        assertThat(near.get("totalItems").asLong()).isPositive();
        double previous = -1;
        for (JsonNode clinic : near.get("items")) {
            double distance = clinic.get("distanceKm").asDouble();
            assertThat(distance).isBetween(previous, 200.0);
            previous = distance;
        }
    }

    @Test
    void locatesAPostalCode() throws Exception {
        JsonNode area = json(get("/api/v1/postal-areas/G4T%201A1"));

        assertThat(area.get("fsa").asString()).isEqualTo("G4T");
        assertThat(area.get("region").asString()).isEqualTo("11");
        assertThat(area.get("timeZone").asString()).isEqualTo("America/Halifax");
        assertProblem(get("/api/v1/postal-areas/H2X1Y"), 400, "malformed-postal-code");
        assertProblem(get("/api/v1/postal-areas/K1A0B1"), 400, "unknown-postal-area");
    }

    @Test
    void listsProfessionalsByProfession() throws Exception {
        JsonNode physicians = json(get("/api/v1/professionals?region=11&profession=physician&size=200"));

        assertThat(physicians.get("totalItems").asLong()).isPositive();
        for (JsonNode p : physicians.get("items")) {
            assertThat(p.get("profession").asString()).isEqualTo("PHYSICIAN");
            assertThat(p.get("languages").toString()).contains("fr");
        }
        assertProblem(get("/api/v1/professionals?profession=surgeon"), 400, "unknown-profession");
    }

    @Test
    void answersBadFiltersAndPagingWithProblemDetails() throws Exception {
        assertProblem(get("/api/v1/clinics?region=99"), 400, "unknown-region");
        assertProblem(get("/api/v1/clinics?region=abc"), 400, "unknown-region");
        assertProblem(get("/api/v1/clinics?localNetwork=9999"), 400, "unknown-local-network");
        assertProblem(get("/api/v1/clinics?page=-1"), 400, "bad-paging");
        assertProblem(get("/api/v1/clinics?size=0"), 400, "bad-paging");
        assertProblem(get("/api/v1/clinics?size=201"), 400, "bad-paging");
        assertProblem(get("/api/v1/clinics?page=two"), 400, "bad-paging");
        assertProblem(get("/api/v1/clinics?postalCode=12345"), 400, "malformed-postal-code");
        assertProblem(get("/api/v1/clinics?postalCode=G4T1A1&radiusKm=500"), 400, "radius-out-of-range");
        assertProblem(get("/api/v1/clinics?radiusKm=5"), 400, "missing-parameter");
        assertProblem(get("/api/v1/clinics/not-a-uuid"), 400, "malformed-id");
        assertProblem(get("/api/v1/clinics/00000000-0000-0000-0000-000000000000"), 404, "clinic-not-found");
        assertProblem(get("/api/v1/nothing-here"), 404, "not-found");
        assertProblem(post("/api/v1/regions", "{}"), 405, "method-not-allowed");
    }

    @Test
    void checksHealthInsuranceNumbersWithoutEchoingThem() throws Exception {
        HealthInsuranceNumber nam = HealthInsuranceNumber.issue("Tremblay", "Marie", LocalDate.of(1972, 8, 12), Sex.FEMALE, 1);
        String digits = nam.value().substring(4);

        JsonNode valid = json(post("/api/v1/health-insurance-numbers/check", "{\"nam\":\"" + nam.value() + "\"}"));
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("birthDate").asString()).isEqualTo("1972-08-12");
        assertThat(valid.get("sex").asString()).isEqualTo("FEMALE");

        String wrongCheck = nam.value().substring(0, 11) + (char) ('0' + (nam.value().charAt(11) - '0' + 1) % 10);
        HttpResponse<String> badDigit = post("/api/v1/health-insurance-numbers/check", "{\"nam\":\"" + wrongCheck + "\"}");
        assertProblem(badDigit, 400, "nam-check-digit");
        assertThat(badDigit.body()).doesNotContain(digits).doesNotContain(wrongCheck.substring(4));
        assertProblem(post("/api/v1/health-insurance-numbers/check", "{\"nam\":\"TREM7258\"}"), 400, "malformed-nam");
        assertProblem(post("/api/v1/health-insurance-numbers/check", "{\"nam\":\"TREM72133015\"}"), 400, "impossible-nam-date");
        assertProblem(post("/api/v1/health-insurance-numbers/check",
                "{\"nam\":\"" + nam.value() + "\",\"birthDate\":\"1972-08-13\",\"sex\":\"FEMALE\"}"), 400, "nam-identity-mismatch");
        assertProblem(post("/api/v1/health-insurance-numbers/check", "{\"nam\":"), 400, "malformed-body");
        assertProblem(post("/api/v1/health-insurance-numbers/check", "{}"), 400, "missing-parameter");
    }

    @Test
    void speaksFrenchFirstAndEnglishOnRequest() throws Exception {
        assertThat(json(get("/api/v1/clinics?region=99")).get("title").asString()).isEqualTo("Région inconnue");
        assertThat(json(get("/api/v1/clinics?region=99&lang=en")).get("title").asString()).isEqualTo("Unknown region");
        JsonNode types = json(get("/api/v1/service-types?lang=en"));
        assertThat(types.get(0).get("name").asString()).isEqualTo("Urgent same-day visit");
        assertThat(types.get(types.size() - 1).get("name").asString()).isEqualTo("Smoking cessation"); // from the extension file
    }

    @Test
    void servesTheHomePageOpenApiHealthAndMetrics() throws Exception {
        HttpResponse<String> home = get("/");
        assertThat(home.statusCode()).as("home").isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"fr\"", "La province en un coup d",
                "Gaspésie–Îles-de-la-Madeleine", "English");
        assertThat(get("/?lang=en").body()).contains("<html lang=\"en\"", "The province at a glance", "Français");
        assertThat(get("/v3/api-docs").body()).contains("/api/v1/clinics", "/api/v1/regions");
        assertThat(get("/swagger-ui/index.html").statusCode()).as("swagger ui").isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        assertThat(get("/actuator/prometheus").statusCode()).as("metrics are the operators'").isEqualTo(401);
        assertThat(Caller.operations(port).send("GET", "/actuator/prometheus", null, null, "text/plain").body()).contains("jvm_memory_used_bytes");
        assertThat(json(get("/api/v1/status")).get("phase").asString()).isEqualTo("READY");
        assertThat(json(get("/api/v1/status")).get("searchIndex").get("ready").asBoolean()).isTrue();
        assertThat(json(get("/api/v1/status")).get("searchIndex").get("slots").asInt()).isPositive();
    }

    @Test
    void searchesFreeSlotsSoonestFirstWithHowEachIsBooked() throws Exception {
        JsonNode page = json(get("/api/v1/slots?region=11&size=10"));

        JsonNode items = page.get("items");
        assertThat(items.size()).isEqualTo(10);
        assertThat(page.get("hasNext").asBoolean()).isTrue();
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).get("start").asString()).isGreaterThanOrEqualTo(items.get(i - 1).get("start").asString());
        }
        JsonNode first = items.get(0);
        assertThat(first.get("clinic").get("region").asString()).isEqualTo("11");
        assertThat(first.get("booking").get("channel").asString()).isIn("API", "DEEP_LINK", "PHONE");
        assertThat(json(get("/api/v1/slots/" + first.get("id").asString())).get("state").asString()).isEqualTo("FREE");

        JsonNode near = json(get("/api/v1/slots?postalCode=G4X&radiusKm=100&order=nearest&size=5"));
        assertThat(near.get("items").get(0).get("distanceKm").asDouble()).isLessThanOrEqualTo(near.get("items").get(4).get("distanceKm").asDouble());
    }

    @Test
    void refusesBadSearchesWithAProblemEach() throws Exception {
        LocalDate today = LocalDate.now(SearchCriteria.QUEBEC);
        assertProblem(get("/api/v1/slots?service=tarot-reading"), 400, "unknown-service");
        assertProblem(get("/api/v1/slots?region=42"), 400, "unknown-region");
        assertProblem(get("/api/v1/slots?to=" + today.minusDays(2)), 400, "window-in-past");
        assertProblem(get("/api/v1/slots?from=" + today + "&to=" + today.plusDays(120)), 400, "window-too-long");
        assertProblem(get("/api/v1/slots?postalCode=G4X&radiusKm=900"), 400, "radius-out-of-range");
        assertProblem(get("/api/v1/slots?order=cheapest"), 400, "unknown-order");
        assertProblem(get("/api/v1/slots?order=nearest"), 400, "missing-parameter");
        assertProblem(get("/api/v1/slots?modality=telepathy"), 400, "unknown-modality");
        assertProblem(get("/api/v1/slots?from=tomorrow"), 400, "malformed-date");
        assertProblem(get("/api/v1/slots/" + java.util.UUID.randomUUID()), 404, "slot-not-found");
    }

    @Test
    void refusesBadHoldsAndChangesNothing() throws Exception {
        String slot = json(get("/api/v1/slots?region=11&size=1")).get("items").get(0).get("id").asString();
        // Residents of the province this application provisioned (same generator, same spec): the registry knows them.
        List<Resident> residents = Residents.of(Preset.TINY, 2);
        Patient anne = residents.get(0).patient();
        String nam = anne.nam().value();
        LocalDate born = anne.birthDate();
        String patient = "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(nam, born);

        assertProblem(post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(java.util.UUID.randomUUID(), patient)), 404,
                "slot-not-found");
        assertProblem(post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":{\"nam\":\"BOUA80551719\",\"birthDate\":\"1980-05-17\"}}"
                .formatted(slot)), 400, "nam-check-digit");
        assertProblem(post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":{\"nam\":\"%s\",\"birthDate\":\"%s\"}}"
                .formatted(slot, nam, born.plusDays(1))), 400, "nam-identity-mismatch");
        // A well-formed NAM that encodes its birth date, but nobody the registry knows: refused, nothing said about why.
        LocalDate unknownBirth = LocalDate.of(1980, 5, 17);
        String unknown = HealthInsuranceNumber.issue("Zyxwv", "Qa", unknownBirth, Sex.FEMALE, 1).value();
        HttpResponse<String> notVerified = post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":{\"nam\":\"%s\",\"birthDate\":\"%s\"}}"
                .formatted(slot, unknown, unknownBirth));
        assertProblem(notVerified, 422, "patient-not-verified");
        assertThat(notVerified.body()).doesNotContain(unknown);
        assertProblem(post("/api/v1/holds", "{\"patient\":%s}".formatted(patient)), 400, "missing-parameter");
        assertProblem(post("/api/v1/holds", "{\"slotId\":\"%s\"}".formatted(slot)), 422, "partner-patient-required");
        assertProblem(postAnonymously("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient)), 401,
                "authentication-required");
        assertThat(json(get("/api/v1/slots/" + slot)).get("state").asString()).as("nothing changed").isEqualTo("FREE");

        HttpResponse<String> held = post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        assertThat(json(held).get("secondsLeft").asLong()).isBetween(290L, 300L);
        String other = json(get("/api/v1/slots?region=11&size=1")).get("items").get(0).get("id").asString();
        HttpResponse<String> second = post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(other, patient));
        assertProblem(second, 409, "hold-already-live");
        Patient luc = residents.get(1).patient();
        String someoneElse = "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(luc.nam().value(), luc.birthDate());
        HttpResponse<String> contested = post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, someoneElse));
        assertProblem(contested, 409, "slot-held");
        assertThat(json(contested).get("alternatives").size()).isBetween(1, 3);
        assertThat(json(contested).get("alternatives").get(0).get("id").asString()).isNotEqualTo(slot);

        assertThat(post("/api/v1/holds/" + json(held).get("id").asString() + "/release", "{\"patient\":%s}".formatted(patient)).statusCode())
                .isEqualTo(204);
        assertThat(json(get("/api/v1/slots/" + slot)).get("state").asString()).isEqualTo("FREE");
        assertProblem(post("/api/v1/holds/" + java.util.UUID.randomUUID() + "/confirm", "{\"patient\":%s}".formatted(patient)), 404,
                "hold-not-found");
    }

    @Test
    void theSearchIndexIsRebuiltOnScheduleAndKeepsAnswering() throws Exception {
        java.time.Instant first = catalog.status().lastRebuild().orElseThrow().at();

        ca.careorchestrator.app.support.Waits.await(java.time.Duration.ofSeconds(20),
                () -> catalog.status().lastRebuild().orElseThrow().at().isAfter(first), "the index is rebuilt on schedule");

        assertThat(json(get("/api/v1/slots?region=11&size=5")).get("items").size()).isEqualTo(5);
    }
}
