package ca.careorchestrator.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Mailbox;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.core.patient.Sex;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Resident;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Patients sign in over HTTP: the code read from a real SMTP server in the test (GreenMail) or from the logging SMS
 * gateway; wrong, expired and locked codes; an unknown NAM answered like a known one; no NAM in any log line; the
 * reads of a patient's data in the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct",
        "care.simulation.enabled=false", "logging.level.care.notification.delivery=DEBUG",
        // The test's own SMTP server logs the addresses it creates mailboxes for; the application never does.
        "logging.level.com.icegreen=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static Mailbox mailbox;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }
    }

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-sign-in-it").toString();
        registry.add("care.data-dir", () -> dir);
        mailbox = Mailbox.startFor(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PatientProfiles profiles;
    @Autowired
    InsuredPeople people;
    @Autowired
    Registry registry;

    private List<Resident> residents;

    @BeforeAll
    void provinceLoaded() throws InterruptedException {
        Loads.awaitReady(loader);
        residents = Residents.of(Preset.TINY, 1, clock);
    }

    @AfterAll
    void stopMailbox() {
        mailbox.close();
    }

    @Test
    void signsInWithTheCodeSentByEmailAndReadsOnlyThenTheirOwnAppointments(CapturedOutput output) throws Exception {
        Resident resident = residents.get(0);
        Patient patient = resident.patient();
        HttpClient browser = client();

        HttpResponse<String> started = post(browser, "/api/v1/sign-in", signIn(patient, "email"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String challenge = json(started).get("challenge").asString();
        String code = mailbox.awaitCode(resident.email(), 1);
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(mailbox.to(resident.email()).getFirst());
        assertThat(text).doesNotContain(patient.nam().value());

        HttpResponse<String> verified = post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
        assertThat(verified.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("HttpOnly"));

        HttpResponse<String> mine = post(browser, "/api/v1/appointments/lookup", "{}");
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        List<String> audit = jdbc.sql("select actor_kind || ':' || actor_id || ':' || action from identity_audit where subject_id = :p")
                .param("p", patient.id().value()).query(String.class).list();
        assertThat(audit).contains("PATIENT:" + patient.id() + ":api.appointments.list");
        JsonNode trail = json(Caller.operations(port).get("/api/v1/audit?patient=" + patient.id()));
        assertThat(trail.get(0).get("action").asString()).isEqualTo("api.appointments.list");
        assertThat(trail.get(0).get("actorKind").asString()).isEqualTo("PATIENT");

        assertThat(post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code + "\"}").statusCode())
                .as("a code works once").isEqualTo(410);
        assertThat(post(browser, "/api/v1/sign-out", "").statusCode()).isEqualTo(204);
        assertProblem(post(browser, "/api/v1/appointments/lookup", "{}"), 401, "authentication-required");
        assertThat(output.getAll()).doesNotContain(patient.nam().value()).doesNotContain(resident.email());
        assertThat(lines(output, code)).as("the code is never logged above DEBUG").allMatch(line -> line.contains("DEBUG"));
    }

    @Test
    void signsInWithTheCodeSentBySmsThroughTheLoggingGateway(CapturedOutput output) throws Exception {
        Resident resident = residents.get(1);
        HttpClient browser = client();

        String challenge = json(post(browser, "/api/v1/sign-in", signIn(resident.patient(), "sms"))).get("challenge").asString();
        ca.careorchestrator.app.support.Waits.await(Duration.ofSeconds(10), () -> output.getAll().contains("SMS to "), "the SMS is logged");
        String masked = ca.careorchestrator.app.notification.SmsGateway.masked(resident.mobilePhone());
        String line = lines(output, "SMS to " + masked + ":").getFirst();
        Matcher code = CODE.matcher(line.substring(line.indexOf("SMS to")));
        assertThat(code.find()).isTrue();

        assertThat(post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code.group(1) + "\"}").statusCode()).isEqualTo(204);
        assertThat(output.getAll()).as("the phone is masked").doesNotContain(resident.mobilePhone())
                .doesNotContain(resident.patient().nam().value());
    }

    @Test
    void wrongCodesSayHowManyTriesAreLeftAndTheFifthLocksTheNam() throws Exception {
        Patient patient = residents.get(2).patient();
        HttpClient browser = client();
        String challenge = json(post(browser, "/api/v1/sign-in", signIn(patient, "email"))).get("challenge").asString();
        String code = mailbox.awaitCode(residents.get(2).email(), 1);
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        for (int left = 4; left >= 1; left--) {
            HttpResponse<String> refused = post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + wrong + "\"}");
            assertProblem(refused, 422, "sign-in-code-wrong");
            assertThat(json(refused).get("triesLeft").asInt()).isEqualTo(left);
        }
        HttpResponse<String> locked = post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + wrong + "\"}");
        assertProblem(locked, 429, "sign-in-locked");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(890L, 900L);
        assertProblem(post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code + "\"}"), 429, "sign-in-locked");
        assertProblem(post(browser, "/api/v1/sign-in", signIn(patient, "email")), 429, "sign-in-locked");
        assertProblem(post(browser, "/api/v1/appointments/lookup", "{}"), 401, "authentication-required"); // nothing signed in

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> again = post(browser, "/api/v1/sign-in", signIn(patient, "email"));
        assertThat(again.statusCode()).as("the lock ends").isEqualTo(202);
        String fresh = mailbox.awaitCode(residents.get(2).email(), 2);
        assertThat(post(browser, "/api/v1/sign-in/" + json(again).get("challenge").asString() + "/verify",
                "{\"code\":\"" + fresh + "\"}").statusCode()).isEqualTo(204);
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Patient patient = residents.get(3).patient();
        HttpClient browser = client();
        String challenge = json(post(browser, "/api/v1/sign-in", signIn(patient, "email"))).get("challenge").asString();
        String code = mailbox.awaitCode(residents.get(3).email(), 1);

        clock.advance(Duration.ofMinutes(11));

        assertProblem(post(browser, "/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code + "\"}"), 410, "sign-in-code-expired");
        assertProblem(post(browser, "/api/v1/appointments/lookup", "{}"), 401, "authentication-required");
    }

    @Test
    void anUnknownNamIsAnsweredLikeAKnownOneAndABadNamGetsItsProblem() throws Exception {
        LocalDate born = LocalDate.of(1980, 5, 17);
        String unknown = HealthInsuranceNumber.issue("Zyxwv", "Qa", born, Sex.FEMALE, 1).value();
        HttpClient browser = client();
        int before = mailbox.count();

        HttpResponse<String> started = post(browser, "/api/v1/sign-in",
                "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"FEMALE\",\"channel\":\"email\"}".formatted(unknown, born));
        Patient known = residents.get(4).patient();
        HttpResponse<String> knownStarted = post(browser, "/api/v1/sign-in", signIn(known, "email"));
        assertThat(started.statusCode()).isEqualTo(knownStarted.statusCode()).isEqualTo(202);
        assertThat(fieldNames(json(started))).isEqualTo(fieldNames(json(knownStarted)));
        HttpResponse<String> wrong = post(browser, "/api/v1/sign-in/" + json(started).get("challenge").asString() + "/verify",
                "{\"code\":\"123456\"}");
        HttpResponse<String> knownWrong = post(browser, "/api/v1/sign-in/" + json(knownStarted).get("challenge").asString() + "/verify",
                "{\"code\":\"" + notTheCode(mailbox.awaitCode(residents.get(4).email(), 1)) + "\"}");
        assertProblem(wrong, 422, "sign-in-code-wrong");
        assertThat(json(wrong).get("triesLeft").asInt()).isEqualTo(json(knownWrong).get("triesLeft").asInt()).isEqualTo(4);
        assertThat(mailbox.count()).as("only the known person got a code").isEqualTo(before + 1);

        String nam = known.nam().value();
        String badDigit = nam.substring(0, 11) + (char) ('0' + (nam.charAt(11) - '0' + 1) % 10);
        assertProblem(post(browser, "/api/v1/sign-in", "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"channel\":\"email\"}"
                .formatted(badDigit, known.birthDate(), known.sex())), 400, "nam-check-digit");
        Sex other = known.sex() == Sex.FEMALE ? Sex.MALE : Sex.FEMALE;
        assertProblem(post(browser, "/api/v1/sign-in", "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"channel\":\"email\"}"
                .formatted(nam, known.birthDate(), other)), 400, "nam-identity-mismatch");
        assertProblem(post(browser, "/api/v1/sign-in", "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"channel\":\"pigeon\"}"
                .formatted(nam, known.birthDate(), known.sex())), 400, "malformed-parameter");
    }

    @Test
    void aBookingNamesItsPatientButNoLogLineDoesAndItsReadIsAudited(CapturedOutput output) throws Exception {
        Patient patient = residents.get(5).patient();
        String slot = json(get(client(), "/api/v1/slots?region=11&size=1&from=" + LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                .plusDays(1))).get("items").get(0).get("id").asString();
        String who = "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(patient.nam().value(), patient.birthDate());
        Caller partner = Caller.partner(port);

        HttpResponse<String> held = partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot, who));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        partner.post("/api/v1/holds/" + json(held).get("id").asString() + "/confirm", "{\"patient\":%s}".formatted(who));
        assertThat(partner.post("/api/v1/appointments/lookup", "{\"patient\":%s}".formatted(who)).statusCode()).isEqualTo(200);

        assertThat(output.getAll()).doesNotContain(patient.nam().value());
        assertThat(jdbc.sql("select count(*) from identity_audit where subject_id = :p and actor_kind = 'PARTNER' and action = :a")
                .param("p", patient.id().value()).param("a", "api.appointments.list").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theRegistryAnswersWhatAllocationRulesAndNoticesMaySee() {
        Resident registered = residents.stream().filter(r -> !r.patient().isOrphan()).findFirst().orElseThrow();
        Resident orphan = residents.stream().filter(r -> r.patient().isOrphan()).findFirst().orElseThrow();
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("America/Montreal"));

        var profile = profiles.profile(registered.patient().id(), today).orElseThrow();
        assertThat(profile.registeredProfessional()).isEqualTo(registered.patient().familyPhysician());
        assertThat(profile.registeredClinic()).isPresent();
        assertThat(profile.region().value()).isEqualTo("11");
        assertThat(profile.birthDate()).isEqualTo(registered.patient().birthDate());
        assertThat(profiles.profile(orphan.patient().id(), today).orElseThrow().referral()).isEmpty();
        assertThat(registry.refer(orphan.patient().id(), ca.careorchestrator.core.patient.PriorityCode.B, "gap-nurse-1")).isTrue();
        assertThat(profiles.profile(orphan.patient().id(), today).orElseThrow().referral())
                .contains(ca.careorchestrator.core.patient.PriorityCode.B);
        assertThat(profiles.profile(new ca.careorchestrator.core.patient.PatientId(java.util.UUID.randomUUID()), today)).isEmpty();

        var identity = people.identity(registered.patient().id()).orElseThrow();
        assertThat(identity.nam()).isEqualTo(registered.patient().nam());
        assertThat(identity.ref()).isEqualTo(registered.patient().id().value());
        assertThat(people.contact(registered.patient().id()).orElseThrow().email()).isEqualTo(registered.email());
        assertThat(jdbc.sql("select count(*) from identity_person where nam_hash like :n or nam_cipher like :n")
                .param("n", "%" + registered.patient().nam().value() + "%").query(Long.class).single()).as("no NAM in clear").isZero();
        assertThat(jdbc.sql("select count(*) from identity_person").query(Long.class).single()).isEqualTo(residents.size());
    }

    @Test
    void theSignInPageSpeaksFrenchFirstAndEnglishOnRequest() throws Exception {
        HttpResponse<String> french = get(client(), "/connexion");
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.body()).contains("lang=\"fr\"").contains("<h1>Connexion</h1>").contains("for=\"nam\"");
        assertThat(french.headers().firstValue("Cache-Control")).contains("no-store");
        HttpResponse<String> english = get(client(), "/connexion?lang=en");
        assertThat(english.body()).contains("lang=\"en\"").contains("<h1>Sign in</h1>");
        assertThat(get(client(), "/connexion/code").uri().getPath()).as("no sign-in under way: back to the start").isEqualTo("/connexion");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String signIn(Patient patient, String channel) {
        return "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"channel\":\"%s\"}".formatted(patient.nam().value(), patient.birthDate(),
                patient.sex(), channel);
    }

    private static String notTheCode(String code) {
        return String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().sorted().toList();
    }

    private static List<String> lines(CapturedOutput output, String containing) {
        return Arrays.stream(output.getAll().split("\\R")).filter(l -> l.contains(containing)).toList();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser's JSON call: with a session, the CSRF token the session's cookie carries goes back in X-XSRF-TOKEN. */
    private HttpResponse<String> post(HttpClient client, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        client.cookieHandler().map(CookieManager.class::cast).flatMap(cookies -> cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN") && !c.getValue().isEmpty()).findFirst())
                .ifPresent(token -> request.header("X-XSRF-TOKEN", token.getValue()));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo(code);
    }
}
