package ca.careorchestrator.connector.fhir;

import static ca.careorchestrator.connector.fhir.FixtureServer.bundle;
import static ca.careorchestrator.connector.fhir.FixtureServer.example;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official FHIR R4 examples (src/test/resources/.../examples, see its README) served on loopback and read. */
class FhirR4ExamplesTest {

    private FixtureServer server;
    private FhirR4Connector connector;

    @BeforeEach
    void serveTheExamples() throws Exception {
        String enteredInError = example("slot-example").replace("\"id\": \"example\"", "\"id\": \"withdrawn\"")
                .replace("\"status\": \"free\"", "\"status\": \"entered-in-error\"");
        server = new FixtureServer()
                .on("GET /fhir/Location", FixtureServer.Answer.ok(bundle("2026-11-23T14:00:00.000Z", null, example("location-example"))))
                .on("GET /fhir/PractitionerRole", FixtureServer.Answer.ok(bundle(null, null, example("practitionerrole-example"))))
                .on("GET /fhir/Schedule", FixtureServer.Answer.ok(bundle(null, null, example("schedule-example"),
                        example("schedule-provider-location1-example"))))
                .on("GET /fhir/Slot", FixtureServer.Answer.ok(bundle(null, null, example("slot-example"), example("slot-example-busy"),
                        example("slot-example-tentative"), example("slot-example-unavailable"), enteredInError)));
        connector = new FhirR4Connector(new SourceConfig(SourceSystem.RVSQ, server.base(), Map.of(), Duration.ofSeconds(5), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
    }

    private List<SourceRecord> fullRead(List<SourceRecord> into) throws InterruptedException {
        Outcome outcome = connector.pull(Checkpoint.NONE, batch -> {
            into.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        });
        assertThat(outcome).isEqualTo(new Outcome.Ok(6, new Checkpoint("2026-11-23T13:59:59Z"), Outcome.Coverage.FULL));
        return into;
    }

    private Map<String, SourceRecord> slotsById() throws InterruptedException {
        return fullRead(new ArrayList<>()).stream().filter(r -> !(r instanceof SourceRecord.SiteSeen))
                .collect(Collectors.toMap(FhirR4ExamplesTest::id, Function.identity()));
    }

    private static String id(SourceRecord record) {
        return switch (record) {
            case SourceRecord.SlotSeen seen -> seen.externalId();
            case SourceRecord.SlotGone gone -> gone.externalId();
            case SourceRecord.Unreadable unreadable -> unreadable.externalId();
            case SourceRecord.SiteSeen site -> site.siteRef();
        };
    }

    @Test
    void theFreeSlotExampleIsAFreeSlotWithItsCodesAsTheSourceWroteThem() throws Exception {
        SourceRecord.SlotSeen free = (SourceRecord.SlotSeen) slotsById().get("example");

        assertThat(free.free()).isTrue();
        assertThat(free.siteRef()).as("Schedule/example actor Location/1").isEqualTo("1");
        assertThat(free.serviceCode()).as("Slot.serviceType").isEqualTo("57");
        assertThat(free.modalityCode()).as("Slot.appointmentType").isEqualTo("WALKIN");
        assertThat(free.professionalRef()).as("the Schedule names no practitioner").isNull();
        assertThat(free.start()).isEqualTo(Instant.parse("2013-12-25T09:15:00Z"));
        assertThat(free.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(free.version()).as("no meta.versionId nor meta.lastUpdated").isZero();
        assertThat(free.raw()).contains("\"resourceType\":\"Slot\"", "\"status\":\"free\"");
    }

    @Test
    void busyTentativeAndUnavailableExamplesAreSlotsThatAreNotFree() throws Exception {
        Map<String, SourceRecord> slots = slotsById();

        for (String id : List.of("1", "2", "3")) {
            assertThat(slots.get(id)).isInstanceOfSatisfying(SourceRecord.SlotSeen.class, seen -> {
                assertThat(seen.free()).isFalse();
                assertThat(seen.serviceCode()).as("the Schedule's serviceType when the Slot has none").isEqualTo("57");
            });
        }
    }

    @Test
    void anEnteredInErrorSlotIsGone() throws Exception {
        assertThat(slotsById().get("withdrawn")).isInstanceOf(SourceRecord.SlotGone.class);
    }

    @Test
    void theLocationExampleIsASiteWithItsPostalCodeAndPhone() throws Exception {
        SourceRecord.SiteSeen site = (SourceRecord.SiteSeen) fullRead(new ArrayList<>()).getFirst();

        assertThat(site).isEqualTo(new SourceRecord.SiteSeen("1", "South Wing, second floor", "9105 PZ", "2328", site.raw()));
    }

    @Test
    void theAppointmentExampleAnsweringACreateIsABooking() throws Exception {
        server.on("POST /fhir/Appointment", new FixtureServer.Answer(201, example("appointment-example"), Map.of()));

        BookingAnswer answer = connector.book(new BookingCommand("example", "key-9", SourceHarness.A_PATIENT, null));

        assertThat(answer).isEqualTo(new BookingAnswer.Booked("example"));
    }

    @Test
    void theOperationOutcomeExampleAnsweringACreateIsARefusalWithItsText() throws Exception {
        server.on("POST /fhir/Appointment", new FixtureServer.Answer(422, example("operationoutcome-example"), Map.of()));

        BookingAnswer answer = connector.book(new BookingCommand("example", "key-9", SourceHarness.A_PATIENT, null));

        assertThat(answer).isInstanceOfSatisfying(BookingAnswer.Refused.class,
                refused -> assertThat(refused.reason()).contains("HTTP 422", "The code \"W\" is not known"));
    }
}
