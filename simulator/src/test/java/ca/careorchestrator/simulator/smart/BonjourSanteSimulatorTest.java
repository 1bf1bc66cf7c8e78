package ca.careorchestrator.simulator.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BonjourSanteSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Province estrie;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-04T14:00:00Z"));
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedPlatform platform;
    private BonjourSanteSimulator simulator;

    @BeforeAll
    static void generate() {
        estrie = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, LocalDate.of(2026, 1, 5), 1));
    }

    @BeforeEach
    void start() throws IOException {
        Set<Object> kept = new HashSet<>();
        platform = SimulatedPlatform.of(estrie, SourceSystem.BONJOUR_SANTE, clock, clinic -> kept.contains(clinic.id()) || kept.isEmpty() && kept.add(clinic.id()));
        clock.advance(Duration.ofSeconds(1));
        simulator = new BonjourSanteSimulator(estrie, platform, 0);
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
        http.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.endpoint().resolve(pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> ndjson(HttpResponse<String> response) {
        return response.body().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }

    private void deskChange() {
        clock.advance(Duration.ofMinutes(1));
        platform.bookAtDesk(new SplittableRandom(1)).orElseThrow();
    }

    @Test
    void theManifestListsLocationScheduleAndSlotFilesAtThePublicationTime() throws Exception {
        HttpResponse<String> response = get("/$bulk-publish");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Sun, 04 Jan 2026 14:00:00 GMT");
        // the platform was published at 14:00:00, the request comes a second later
        JsonNode manifest = JSON.readTree(response.body());
        assertThat(manifest.path("transactionTime").asText()).isEqualTo("2026-01-04T14:00:00Z");
        assertThat(manifest.path("output").findValuesAsText("type")).containsExactly("Location", "Schedule", "Slot");
        assertThat(manifest.path("request").asText()).isEqualTo(simulator.endpoint().toString());
    }

    @Test
    void anUnchangedPublicationAnswers304AndAChangeAnswers200() throws Exception {
        String lastModified = get("/$bulk-publish").headers().firstValue("Last-Modified").orElseThrow();

        assertThat(get("/$bulk-publish", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        deskChange();
        HttpResponse<String> changed = get("/$bulk-publish", "If-Modified-Since", lastModified);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("transactionTime").asText()).isEqualTo("2026-01-04T14:01:01Z");
    }

    @Test
    void aManifestWithinTheSecondOfTheLatestChangeHasNoLastModified() throws Exception {
        clock.advance(Duration.ofMillis(200));
        platform.bookAtDesk(new SplittableRandom(1)).orElseThrow();

        HttpResponse<String> response = get("/$bulk-publish");

        assertThat(response.headers().firstValue("Last-Modified")).isEmpty();
        clock.advance(Duration.ofMillis(900));
        assertThat(get("/$bulk-publish").headers().firstValue("Last-Modified")).hasValue("Sun, 04 Jan 2026 14:00:01 GMT");
    }

    @Test
    void sinceNarrowsTheSlotFileToWhatChangedAndTheManifestEchoesIt() throws Exception {
        deskChange();

        JsonNode manifest = JSON.readTree(get("/$bulk-publish?_since=2026-01-04T14:00:00Z").body());
        String slotUrl = manifest.path("output").get(2).path("url").asText();
        List<JsonNode> slots = ndjson(http.send(HttpRequest.newBuilder(URI.create(slotUrl)).build(), HttpResponse.BodyHandlers.ofString()));

        assertThat(manifest.path("request").asText()).endsWith("?_since=2026-01-04T14%3A00%3A00Z");
        assertThat(slots).singleElement().satisfies(slot -> {
            assertThat(slot.path("status").asText()).isEqualTo("busy");
            assertThat(slot.path("meta").path("versionId").asText()).isEqualTo("2");
        });
    }

    @Test
    void aWithdrawnSlotIsPublishedOnceAsEnteredInErrorThenNoMore() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        PlatformSlot withdrawn = platform.withdrawAtDesk(new SplittableRandom(2)).orElseThrow();

        List<JsonNode> changes = ndjson(get("/bulk/Slot.ndjson?_since=2026-01-04T14:00:00Z"));
        List<JsonNode> all = ndjson(get("/bulk/Slot.ndjson"));

        assertThat(changes).singleElement().satisfies(slot -> {
            assertThat(slot.path("id").asText()).isEqualTo(BonjourSanteSimulator.slotResourceId(withdrawn));
            assertThat(slot.path("status").asText()).isEqualTo("entered-in-error");
        });
        assertThat(all).hasSize(platform.size()).noneSatisfy(slot -> assertThat(slot.path("id").asText())
                .isEqualTo(BonjourSanteSimulator.slotResourceId(withdrawn)));
    }

    @Test
    void aSlotSpeaksBonjourSantesDialectWithItsDeepLinkAndTheClinicsPhone() throws Exception {
        PlatformSlot first = platform.slots().getFirst();
        String phone = platform.clinics().getFirst().phone();

        JsonNode slot = ndjson(get("/bulk/Slot.ndjson")).getFirst();

        assertThat(slot.path("id").asText()).isEqualTo(first.externalId().replace(':', '-')).matches("[A-Za-z0-9\\-.]{1,64}");
        assertThat(slot.path("serviceType").findValuesAsText("code")).containsExactly(first.serviceCode());
        assertThat(slot.path("start").asText()).isEqualTo(first.start().atZone(ZoneId.of("America/Montreal")).toOffsetDateTime()
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)).endsWith("-05:00");
        assertThat(slot.path("extension").findValuesAsText("valueUrl")).containsExactly("https://bonjour-sante.example/rdv/" + first.externalId());
        assertThat(slot.path("extension").findValuesAsText("valueString")).containsExactly(phone);
        assertThat(slot.path("extension").findValuesAsText("valueCode")).containsExactly(first.modalityCode());
        assertThat(slot.path("status").asText()).isEqualTo(first.free() ? "free" : "busy");
    }

    @Test
    void schedulesJoinSlotsToTheirLocationAndNameProfessionAndProfessional() throws Exception {
        List<JsonNode> locations = ndjson(get("/bulk/Location.ndjson"));
        List<JsonNode> schedules = ndjson(get("/bulk/Schedule.ndjson"));
        PlatformSlot first = platform.slots().getFirst();

        assertThat(locations).singleElement().satisfies(location -> assertThat(location.path("id").asText()).isEqualTo(first.siteRef()));
        JsonNode schedule = schedules.stream().filter(s -> s.path("id").asText().equals(first.siteRef() + "." + first.professionalRef()))
                .findFirst().orElseThrow();
        assertThat(schedule.path("actor").get(0).path("reference").asText()).isEqualTo("Location/" + first.siteRef());
        assertThat(schedule.path("specialty").findValuesAsText("code")).containsExactly(first.professionCode());
        assertThat(schedule.path("extension").findValuesAsText("valueString")).containsExactly(first.professionalRef());
    }

    @Test
    void rateLimitedAnswers429WithRetryAfter() throws Exception {
        platform.faults().add(FaultMode.RATE_LIMITED);

        HttpResponse<String> response = get("/$bulk-publish");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void serverErrorAnswers503() throws Exception {
        platform.faults().add(FaultMode.SERVER_ERROR);

        assertThat(get("/bulk/Slot.ndjson").statusCode()).isEqualTo(503);
    }

    @Test
    void duplicatesSendEveryLineTwice() throws Exception {
        int lines = get("/bulk/Slot.ndjson").body().lines().toList().size();
        platform.faults().add(FaultMode.DUPLICATES);

        List<String> doubled = get("/bulk/Slot.ndjson").body().lines().toList();

        assertThat(doubled).hasSize(2 * lines);
        assertThat(doubled.get(0)).isEqualTo(doubled.get(1));
    }

    @Test
    void aMalformedRecordBreaksOnlyTheFirstSlotLine() throws Exception {
        platform.faults().add(FaultMode.MALFORMED_RECORD);

        List<String> lines = get("/bulk/Slot.ndjson").body().lines().toList();

        assertThatThrownBy(() -> JSON.readTree(lines.getFirst())).isInstanceOf(IOException.class);
        for (String line : lines.subList(1, lines.size())) {
            assertThat(JSON.readTree(line).path("resourceType").asText()).isEqualTo("Slot");
        }
    }

    @Test
    void outOfOrderReversesTheSlotLines() throws Exception {
        List<String> inOrder = get("/bulk/Slot.ndjson").body().lines().toList();
        platform.faults().add(FaultMode.OUT_OF_ORDER);

        assertThat(get("/bulk/Slot.ndjson").body().lines().toList()).isEqualTo(inOrder.reversed());
    }

    @Test
    void outOfOrderReplaysEveryVersionNewestFirstInAnIncrementalFile() throws Exception {
        PlatformSlot booked = platform.slots().stream().filter(PlatformSlot::free).findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        var appointment = (SimulatedPlatform.BookResult.Booked) platform.book(booked.externalId(), "key-1");
        clock.advance(Duration.ofMinutes(1));
        platform.cancel(appointment.appointmentRef());
        platform.faults().add(FaultMode.OUT_OF_ORDER);

        List<JsonNode> lines = ndjson(get("/bulk/Slot.ndjson?_since=2026-01-04T14:00:00Z"));

        assertThat(lines).extracting(l -> l.path("meta").path("versionId").asText()).containsExactly("3", "2");
        assertThat(lines).allSatisfy(l -> assertThat(l.path("id").asText()).isEqualTo(BonjourSanteSimulator.slotResourceId(booked)));
    }

    @Test
    void aResetDropsTheConnectionMidBody() {
        platform.faults().add(FaultMode.CONNECTION_RESET);

        assertThatThrownBy(() -> get("/bulk/Slot.ndjson")).isInstanceOf(IOException.class);
    }

    @Test
    void latencySlowsEveryAnswerByAboutASecond() throws Exception {
        platform.faults().add(FaultMode.LATENCY);
        long began = System.nanoTime();

        assertThat(get("/$bulk-publish").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void anUnknownFileIs404AndABadSinceIs400() throws Exception {
        assertThat(get("/bulk/Patient.ndjson").statusCode()).isEqualTo(404);
        assertThat(get("/$bulk-publish?_since=yesterday").statusCode()).isEqualTo(400);
    }

    /** Simulated time moved by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
