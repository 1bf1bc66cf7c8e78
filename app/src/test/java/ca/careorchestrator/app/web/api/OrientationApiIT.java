package ca.careorchestrator.app.web.api;

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
import java.nio.file.Path;
import java.time.Duration;
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
 * Orientation over real HTTP: the reasons, recommendations with why (row and version), red flags answering 911 or
 * 811 and no search, bad answers as problems; and the questionnaire page in French and English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct", "care.simulation.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrientationApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("care-orientation-it");
        registry.add("care.data-dir", dir::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Catalog catalog;

    @BeforeAll
    void provinceLoaded() throws InterruptedException {
        Loads.awaitReady(loader);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).as("the search index is built").isTrue();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> orient(String body, String language) throws Exception {
        return send(at("/api/v1/orientation?lang=" + language).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void listsTheReasonsRedFlagsFirstInTheAskedLanguage() throws Exception {
        JsonNode french = json(send(at("/api/v1/orientation/reasons?lang=fr")));
        JsonNode english = json(send(at("/api/v1/orientation/reasons?lang=en")));

        assertThat(french.get(0).get("code").asString()).isEqualTo("chest-pain");
        assertThat(french.get(0).get("redFlag").asBoolean()).isTrue();
        assertThat(french.get(0).get("label").asString()).startsWith("Douleur");
        assertThat(english.get(0).get("label").asString()).startsWith("Chest pain");
        assertThat(french.size()).isEqualTo(english.size()).isGreaterThan(15);
    }

    @Test
    void recommendsTheServiceProfessionsAndDelayWithWhyAndThePrefilledSearch() throws Exception {
        HttpResponse<String> response = orient("""
                {"text": "J'ai besoin d'un renouvellement d'ordonnance", "age": 58, "pregnant": false, "chronic": true, "registered": false}""", "fr");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode recommendation = json(response);
        assertThat(recommendation.get("row").asString()).isEqualTo("R10");
        assertThat(recommendation.get("version").asString()).isNotBlank();
        assertThat(recommendation.get("reason").get("code").asString()).isEqualTo("prescription-renewal");
        JsonNode outcome = recommendation.get("outcome");
        assertThat(outcome.get("kind").asString()).isEqualTo("book");
        assertThat(outcome.get("service").asString()).isEqualTo("prescription-renewal");
        assertThat(outcome.get("professions").get(0).asString()).isEqualTo("PHARMACIST");
        assertThat(outcome.get("maxDelayDays").asLong()).isEqualTo(7);
        assertThat(outcome.get("search").asString()).startsWith("/rendez-vous?service=prescription-renewal&profession=PHARMACIST&from=");
        assertThat(recommendation.get("why").asString()).contains("pharmacien");
        assertThat(recommendation.get("disclaimer").asString()).contains("pas un diagnostic");

        HttpResponse<String> searched = send(at(outcome.get("search").asString().replace("/rendez-vous", "/api/v1/slots")));
        assertThat(searched.statusCode()).as(searched.body()).isEqualTo(200);
        JsonNode search = json(searched);
        for (JsonNode slot : search.get("items")) {
            assertThat(slot.get("service").get("code").asString()).isEqualTo("prescription-renewal");
            assertThat(slot.get("profession").get("code").asString()).isEqualTo("PHARMACIST");
        }
    }

    @Test
    void aRedFlagAnswers911OrInfoSocialAndNeverASearchEvenWithNothingElseAnswered() throws Exception {
        JsonNode chest = json(orient("{\"text\": \"chest pain and a cough\"}", "en"));
        assertThat(chest.get("outcome").get("kind").asString()).isEqualTo("emergency");
        assertThat(chest.get("outcome").get("phone").asString()).isEqualTo("911");
        assertThat(chest.get("outcome").has("search")).as("no search offered").isFalse();

        JsonNode distress = json(orient("{\"reason\": \"suicidal-thoughts\"}", "fr"));
        assertThat(distress.get("outcome").get("kind").asString()).isEqualTo("info-social");
        assertThat(distress.get("outcome").get("phone").asString()).isEqualTo("811");
        assertThat(distress.get("why").asString()).contains("911");
    }

    @Test
    void badAnswersAreProblemsNamingEveryDefect() throws Exception {
        assertProblem(orient("{\"reason\": \"astrology\", \"age\": 30, \"chronic\": false, \"registered\": true}", "fr"), 400, "unknown-reason");
        HttpResponse<String> contradictory = orient("""
                {"reason": "fever-infection", "age": 5, "pregnant": true, "chronic": false, "registered": true}""", "en");
        assertProblem(contradictory, 422, "contradictory-answers");
        HttpResponse<String> missing = orient("{\"reason\": \"vaccination\"}", "fr");
        assertProblem(missing, 400, "orientation-answer-missing");
        assertThat(json(missing).get("defects").toString()).contains("MISSING_AGE", "MISSING_CHRONIC", "MISSING_REGISTRATION");
        HttpResponse<String> ambiguous = orient("{\"text\": \"vaccin et contraception\", \"age\": 25, \"pregnant\": false,"
                + " \"chronic\": false, \"registered\": true}", "fr");
        assertProblem(ambiguous, 422, "ambiguous-reason");
        assertThat(json(ambiguous).get("candidates").toString()).contains("vaccination", "contraception");
        assertProblem(orient("not json", "fr"), 400, "malformed-body");
    }

    @Test
    void theQuestionnairePageAsksInFrenchAndAnswersARedFlagWithTheEmergencyNumber() throws Exception {
        Caller browser = Caller.browser(port); // a page's form carries the session's CSRF token
        String form = browser.page("/orientation").body();
        assertThat(form).contains("<h1>Quel service me convient ?</h1>", "pas un diagnostic", "name=\"reason\"", "name=\"age\"");

        HttpResponse<String> result = browser.send("POST", "/orientation?lang=en", "reason=stroke-signs", "application/x-www-form-urlencoded", null);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("href=\"tel:911\"", "Call 911 now", "not a diagnosis").doesNotContain("/rendez-vous?service");

        HttpResponse<String> booking = browser.send("POST", "/orientation", "reason=vaccination&age=40&pregnant=no&chronic=no&registered=yes", "application/x-www-form-urlencoded", null);
        assertThat(booking.body()).contains("Vaccination", "/rendez-vous?service=vaccination&amp;profession=NURSE", "R24");

        HttpResponse<String> refused = browser.send("POST", "/orientation", "reason=pregnancy&age=5&pregnant=yes&chronic=no&registered=yes", "application/x-www-form-urlencoded", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("data-problem=\"contradictory-answers\"");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }
}
