package ca.careorchestrator.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Loads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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

/**
 * Partner platforms over real HTTP: a token by client credentials, then holds that must name a verified patient; the
 * per-partner quota and rate limit and the per-patient velocity answered 429 with Retry-After; bad tokens 401; and
 * the browser side: CSRF refused without its token, staff pages refused to the wrong role, sign-in asked of nobody.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=2", "care.provisioning.slots=direct", "care.simulation.enabled=false",
        "care.security.holds-per-patient-per-hour=3",
        "care.security.clients[0].client-id=main-partner", "care.security.clients[0].secret={noop}main-secret",
        "care.security.clients[0].scopes=booking", "care.security.clients[0].limits.holds-per-hour=1000",
        "care.security.clients[0].limits.requests-per-second=100", "care.security.clients[0].limits.burst=200",
        "care.security.clients[1].client-id=quota-partner", "care.security.clients[1].secret={noop}quota-secret",
        "care.security.clients[1].scopes=booking", "care.security.clients[1].limits.holds-per-hour=2",
        "care.security.clients[1].limits.requests-per-second=100", "care.security.clients[1].limits.burst=200",
        "care.security.clients[2].client-id=rate-partner", "care.security.clients[2].secret={noop}rate-secret",
        "care.security.clients[2].scopes=booking", "care.security.clients[2].limits.requests-per-second=0.5",
        "care.security.clients[2].limits.burst=3",
        "care.security.clients[3].client-id=ops", "care.security.clients[3].secret={noop}ops-secret", "care.security.clients[3].scopes=operations"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-partner-access-it").toString();
        registry.add("care.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Catalog catalog;

    Caller partner;
    List<String> slots;
    int nextSlot;
    int nextPatient;

    @BeforeAll
    void provinceLoadedAndAPartnerWithAToken() throws Exception {
        Loads.awaitReady(loader);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        partner = Caller.client(port, "main-partner", "main-secret");
        slots = new ArrayList<>();
        for (JsonNode slot : json(Caller.anonymous(port).get("/api/v1/slots?region=11&size=60&from=" + LocalDate.now().plusDays(1))).get("items")) {
            if (slot.get("booking").get("channel").asString().equals("API")) {
                slots.add(slot.get("id").asString());
            }
        }
        assertThat(slots).hasSizeGreaterThan(15);
    }

    @Test
    void theIssuerGivesAPartnerABearerTokenForItsClientCredentials() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=main-partner&client_secret=main-secret")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = JSON.readTree(answer.body());
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isPositive();
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.get("access_token").asString().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JSON.readTree(claims).get("sub").asString()).isEqualTo("main-partner");
        assertThat(JSON.readTree(claims).get("scope").toString()).as("the scopes it is registered with").contains("booking");
        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=main-partner&client_secret=guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Caller.anonymous(port).get("/oauth2/jwks").body()).contains("\"kty\":\"RSA\"");
    }

    @Test
    void aPartnerHoldsForTheVerifiedPatientItNames() {
        String slot = slot();
        String patient = patient();

        HttpResponse<String> held = partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient));

        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        assertThat(state(slot)).isEqualTo("HELD");
        assertThat(partner.post("/api/v1/holds/" + json(held).get("id").asString() + "/release", "{\"patient\":%s}".formatted(patient))
                .statusCode()).isEqualTo(204);
    }

    @Test
    void aPartnerNamingNoPatientIsRefusedAndNothingChanges() {
        String slot = slot();

        assertProblem(partner.post("/api/v1/holds", "{\"slotId\":\"%s\"}".formatted(slot)), 422, "partner-patient-required");
        assertProblem(partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":null}".formatted(slot)), 422, "partner-patient-required");
        assertProblem(partner.post("/api/v1/holds/" + java.util.UUID.randomUUID() + "/confirm", "{}"), 422, "partner-patient-required");
        assertProblem(partner.post("/api/v1/appointments/" + java.util.UUID.randomUUID() + "/cancel", "{}"), 422, "partner-patient-required");
        assertProblem(partner.post("/api/v1/appointments/lookup", "{}"), 422, "partner-patient-required");
        assertThat(state(slot)).as("nothing changed").isEqualTo("FREE");
    }

    @Test
    void nobodyMayHoldWithoutSigningInOrWithABadToken() {
        String hold = "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot(), patient());

        HttpResponse<String> anonymous = Caller.anonymous(port).post("/api/v1/holds", hold);
        assertProblem(anonymous, 401, "authentication-required");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse<String> forged = Caller.anonymous(port).send(Caller.anonymous(port).request("/api/v1/holds")
                .header("Authorization", "Bearer not.a.token").POST(HttpRequest.BodyPublishers.ofString(hold)), "application/json", "application/json");
        assertProblem(forged, 401, "authentication-required");
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertProblem(Caller.client(port, "ops", "ops-secret").post("/api/v1/holds", hold), 403, "forbidden");
    }

    @Test
    void aPartnerOverItsHourlyQuotaIsRefusedWithRetryAfter() {
        Caller small = Caller.client(port, "quota-partner", "quota-secret");
        for (int i = 0; i < 2; i++) {
            assertThat(small.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot(), patient())).statusCode()).isEqualTo(201);
        }
        String slot = slot();

        HttpResponse<String> over = small.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient()));

        assertProblem(over, 429, "partner-quota-exceeded");
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(state(slot)).as("nothing changed").isEqualTo("FREE");
        assertThat(partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient())).statusCode())
                .as("another partner's quota is its own").isEqualTo(201);
    }

    @Test
    void aPartnerOverItsRateIsRefusedWithRetryAfter() {
        Caller hasty = Caller.client(port, "rate-partner", "rate-secret");
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(hasty.get("/api/v1/service-types"));
        }

        assertThat(answers.subList(0, 3)).allMatch(a -> a.statusCode() == 200);
        HttpResponse<String> limited = answers.get(answers.size() - 1);
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
    }

    @Test
    void aPatientsHoldsPerHourAreCappedWhoeverAsks() throws Exception {
        String patient = patient();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> held = partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot(), patient));
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            partner.post("/api/v1/holds/" + json(held).get("id").asString() + "/release", "{\"patient\":%s}".formatted(patient));
        }
        // The third through the FHIR facade: one allowance across channels.
        JsonNode p = JSON.readTree(patient);
        String fhirHold = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"appointment","resource":{"resourceType":"Appointment","status":"proposed","slot":[{"reference":"Slot/%s"}],
                   "participant":[{"status":"needs-action"}]}},
                 {"name":"patient","resource":{"resourceType":"Patient","identifier":[{"system":"https://www.ramq.gouv.qc.ca/nam","value":"%s"}],
                   "birthDate":"%s"}}]}""".formatted(slot(), p.get("nam").asString(), p.get("birthDate").asString());
        HttpResponse<String> third = partner.send("POST", "/fhir/Appointment/$hold", fhirHold, "application/fhir+json", "application/fhir+json");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(201);
        partner.post("/api/v1/holds/" + JSON.readTree(third.body()).get("id").asString() + "/release", "{\"patient\":%s}".formatted(patient));
        String slot = slot();

        HttpResponse<String> fourth = Caller.client(port, "quota-partner", "quota-secret")
                .post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, patient));

        assertProblem(fourth, 429, "patient-velocity-exceeded");
        assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        assertThat(state(slot)).isEqualTo("FREE");
    }

    @Test
    void aSessionsStateChangingRequestNeedsItsCsrfToken() {
        Caller operator = Caller.staff(port, "exploitation");

        assertProblem(operator.sendWithoutCsrf("POST", "/api/v1/mappings/reload", null, null), 403, "forbidden");
        assertThat(operator.post("/api/v1/mappings/reload", null).statusCode()).isEqualTo(200);
        assertThat(operator.sendWithoutCsrf("POST", "/operations/mappings/reload", null, null).statusCode()).isEqualTo(403);
    }

    @Test
    void staffPagesAskNobodyToSignInAndRefuseTheWrongRoleWithAPage() {
        HttpResponse<String> nobody = Caller.anonymous(port).page("/operations/sources");
        assertThat(nobody.statusCode()).isEqualTo(302);
        assertThat(nobody.headers().firstValue("Location").orElseThrow()).endsWith("/personnel/connexion");

        HttpResponse<String> desk = Caller.staff(port, "guichet.gaspesie").page("/operations/sources");
        assertThat(desk.statusCode()).isEqualTo(403);
        assertThat(desk.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(desk.body()).contains("Accès refusé", "forbidden", "lang=\"fr\"");
        HttpResponse<String> english = Caller.staff(port, "guichet.gaspesie").page("/operations/sources?lang=en");
        assertThat(english.body()).contains("Access denied");

        assertThat(Caller.staff(port, "exploitation").page("/operations/sources").statusCode()).isEqualTo(200);
        assertThat(Caller.anonymous(port).page("/personnel/connexion").body()).contains("name=\"_csrf\"", "autocomplete=\"current-password\"");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private synchronized String slot() {
        return slots.get(nextSlot++);
    }

    /** A new patient each time (a checked NAM and its birth date), so one test's holds do not count in another's. */
    /** The next resident of the provisioned province: a patient the registry verifies. */
    private synchronized String patient() {
        ca.careorchestrator.core.patient.Patient resident = ca.careorchestrator.app.support.Residents
                .of(ca.careorchestrator.simulator.province.Preset.TINY, 2).get(nextPatient++).patient();
        return "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(resident.nam().value(), resident.birthDate());
    }

    private String state(String slot) {
        return json(Caller.anonymous(port).get("/api/v1/slots/" + slot)).get("state").asString();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("type").asString()).isEqualTo("https://care-orchestrator.example/problems/" + code);
        assertThat(problem.get("title").asString()).isNotBlank();
    }
}
