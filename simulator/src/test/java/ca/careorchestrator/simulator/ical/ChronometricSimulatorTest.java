package ca.careorchestrator.simulator.ical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChronometricSimulatorTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 10, 26);
    private static final Province PROVINCE = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, MONDAY, 2));
    private static final Clock CLOCK = Clock.fixed(MONDAY.atStartOfDay(ZoneId.of("America/Montreal")).toInstant(), ZoneOffset.UTC);

    private ChronometricSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        Clinic clinic = PROVINCE.clinics().stream().filter(c -> c.systems().contains(SourceSystem.CHRONOMETRIC)).findFirst().orElseThrow();
        simulator = new ChronometricSimulator(SimulatedPlatform.of(PROVINCE, SourceSystem.CHRONOMETRIC, CLOCK, c -> c.equals(clinic)), 0);
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
        http.close();
    }

    private HttpResponse<String> get(String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.endpoint());
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSlotBookedAtTheDeskIsAnExdateOfItsWeeklyAvailabilityAndAnOpaqueEvent() {
        PlatformSlot booked = simulator.platform().bookAtDesk(new SplittableRandom(3)).orElseThrow();

        String feed = simulator.feed();

        String local = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").format(booked.start().atZone(booked.zone()));
        assertThat(feed).contains("BEGIN:VEVENT\r\nUID:rdv-" + booked.externalId() + "\r\n",
                "RELATED-TO:" + ChronometricFeed.availabilityUid(booked), "SEQUENCE:" + booked.sequence());
        assertThat(feed.lines().filter(l -> l.startsWith("EXDATE;TZID=America/Montreal:")).anyMatch(l -> l.contains(local))).isTrue();
        assertThat(feed).contains("RRULE:FREQ=WEEKLY;UNTIL=", "X-CHRONO-SITE:", "CONTACT:", "CATEGORIES:");
    }

    @Test
    void anUnchangedFeedIsNotModifiedWhileADeskChangeOrASilentDeletionIsNews() throws Exception {
        HttpResponse<String> first = get(null);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
        assertThat(get(etag).statusCode()).isEqualTo(304);

        simulator.platform().deleteSilently(new SplittableRandom(1)).orElseThrow();
        HttpResponse<String> afterDeletion = get(etag);
        assertThat(afterDeletion.statusCode()).isEqualTo(200);

        simulator.platform().bookAtDesk(new SplittableRandom(2)).orElseThrow();
        assertThat(get(afterDeletion.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsAnswerAsTheyAreToldTo() throws Exception {
        simulator.platform().faults().add(FaultMode.RATE_LIMITED);
        HttpResponse<String> limited = get(null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");

        simulator.platform().faults().clear();
        simulator.platform().faults().add(FaultMode.SERVER_ERROR);
        assertThat(get(null).statusCode()).isEqualTo(503);

        simulator.platform().faults().clear();
        simulator.platform().faults().add(FaultMode.CONNECTION_RESET);
        assertThatThrownBy(() -> get(null)).isInstanceOf(IOException.class);
    }

    @Test
    void aMalformedRecordBreaksOneAvailableOnly() {
        simulator.platform().faults().add(FaultMode.MALFORMED_RECORD);

        assertThat(simulator.feed().split("2026-13-45T25:99", -1)).hasSize(2);
    }

    @Test
    void duplicatesAndOutOfOrderRepeatAndReverseTheComponents() {
        long once = simulator.feed().lines().filter(l -> l.equals("BEGIN:VAVAILABILITY")).count();
        simulator.platform().faults().add(FaultMode.DUPLICATES);
        simulator.platform().faults().add(FaultMode.OUT_OF_ORDER);

        String feed = simulator.feed();

        assertThat(feed.lines().filter(l -> l.equals("BEGIN:VAVAILABILITY")).count()).isEqualTo(2 * once);
        assertThat(feed.indexOf("BEGIN:VEVENT")).isLessThan(feed.indexOf("BEGIN:VTIMEZONE"));
    }

    @Test
    void anAtlanticTimeZoneIsDescribedFromJavaTimesRules() {
        assertThat(ChronometricFeed.vtimezone(ZoneId.of("America/Halifax"))).contains("TZID:America/Halifax\r\n",
                "BEGIN:DAYLIGHT\r\nDTSTART:19700308T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0300\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n",
                "BEGIN:STANDARD\r\nDTSTART:19701101T020000\r\nTZOFFSETFROM:-0300\r\nTZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n");
    }

    @Test
    void longLinesAreFoldedAtSeventyFiveOctetsWithoutSplittingACharacter() {
        StringBuilder out = new StringBuilder();
        ChronometricFeed.line(out, "LOCATION:" + "é".repeat(60));

        for (String physical : out.toString().split("\r\n")) {
            assertThat(physical.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(out.toString().replace("\r\n ", "")).isEqualTo("LOCATION:" + "é".repeat(60) + "\r\n");
    }
}
