package ca.careorchestrator.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.simulator.province.Preset;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The FHIR facade over real HTTP, with the tiny province's simulated platforms on loopback ports (so slots can
 * really be booked on their source systems): search, the booking operations, the refusals, and every resource
 * and bundle the facade answers checked by the offline FHIR validator with 0 errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1s", "care.ingestion.max-backoff=1s",
        "care.ingestion.circuit-threshold=100", "care.ingestion.timeout=5s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FhirFacadeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FHIR_JSON = "application/fhir+json";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-fhir-it").toString();
        registry.add("care.data-dir", () -> dir);
    }

    /** The application's clock, which the hold-expiry test moves forward. */
    @TestConfiguration
    static class ShiftedTime {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    Catalog catalog;
    @Autowired
    FhirJson fhir;
    @Autowired
    TestClock clock;

    FhirValidation validation;
    // Residents of the province this application provisioned (same generator, same spec): the registry knows them.
    final Patient marie = patient(0);
    final Patient jean = patient(1);
    final Patient lea = patient(2);

    @BeforeAll
    void everySourceUpAndTheIndexCurrent() throws Exception {
        Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> codes = get("/fhir/CodeSystem/service-type");
        assertThat(codes.statusCode()).isEqualTo(200);
        validation = new FhirValidation(fhir.context(), parser().parseResource(CodeSystem.class, codes.body()));
        validation.assertValid(codes.body());
    }

    // ---- search and metadata --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void describesItselfWithACapabilityStatementAndItsOperationDefinitions() throws Exception {
        CapabilityStatement statement = valid(get("/fhir/metadata"), 200, CapabilityStatement.class);

        var appointment = statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Appointment")).findFirst().orElseThrow();
        assertThat(appointment.getOperation()).extracting(o -> o.getName()).containsExactly("find", "hold", "book", "cancel");
        for (var operation : appointment.getOperation()) {
            String path = "/fhir/OperationDefinition/" + operation.getDefinition().substring(operation.getDefinition().lastIndexOf('/') + 1);
            valid(get(path), 200, org.hl7.fhir.r4.model.OperationDefinition.class);
        }
    }

    @Test
    @Order(1)
    void searchesFreeSlotsPageByPageAsAValidSearchset() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));
        Bundle first = valid(get("/fhir/Slot?status=free&start=ge" + today + "&start=lt" + today.plusDays(8) + "&_count=5"), 200, Bundle.class);

        assertThat(first.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(first.getEntry()).hasSize(5).allSatisfy(entry -> {
            Slot slot = (Slot) entry.getResource();
            assertThat(slot.getStatus()).isEqualTo(Slot.SlotStatus.FREE);
            assertThat(entry.getFullUrl()).endsWith("/fhir/Slot/" + slot.getIdElement().getIdPart());
            assertThat(slot.getServiceTypeFirstRep().getCodingFirstRep().getSystem()).isEqualTo(SlotSearch.SERVICE_TYPE_SYSTEM);
        });
        assertThat(first.getLink("next")).isNotNull();
        Bundle second = valid(get(URI.create(first.getLink("next").getUrl()).getRawPath() + "?" + URI.create(first.getLink("next").getUrl()).getRawQuery()),
                200, Bundle.class);
        assertThat(second.getEntryFirstRep().getResource().getIdElement().getIdPart())
                .isNotEqualTo(first.getEntryFirstRep().getResource().getIdElement().getIdPart());
        assertThat(starts(first)).isSorted();
    }

    @Test
    @Order(1)
    void searchesNearAPointWithTheDistanceOfEachSlot() throws Exception {
        Bundle someSlot = valid(get("/fhir/Slot?_count=1"), 200, Bundle.class);
        assertThat(someSlot.getEntry()).isNotEmpty();
        // Around Gaspé, Rimouski and Quebec City: the tiny province's clinics are somewhere among them.
        Bundle near = valid(get("/fhir/Slot?near=48.45%7C-68.52%7C200%7Ckm&_count=20&service-type="
                + ((Slot) someSlot.getEntryFirstRep().getResource()).getServiceTypeFirstRep().getCodingFirstRep().getCode()), 200, Bundle.class);

        assertThat(near.getEntry()).isNotEmpty().allSatisfy(entry -> assertThat(entry.getSearch()
                .getExtensionByUrl(FhirSlots.DISTANCE)).isNotNull());
    }

    @Test
    @Order(1)
    void findsProposedAppointments() throws Exception {
        Parameters find = new Parameters();
        find.addParameter("start", new StringType(LocalDate.now(ZoneId.of("America/Montreal")).toString()));
        find.addParameter("count", new org.hl7.fhir.r4.model.IntegerType(3));
        find.addParameter().setName("patient").setResource(marie);

        Bundle proposals = valid(post("/fhir/Appointment/$find", find), 200, Bundle.class);

        assertThat(proposals.getEntry()).hasSize(3).allSatisfy(entry -> {
            Appointment appointment = (Appointment) entry.getResource();
            assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.PROPOSED);
            assertThat(appointment.getSlotFirstRep().getReference()).startsWith("Slot/");
        });
    }

    // ---- refusals ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void refusesBadSearchesWithOperationOutcomes() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("America/Montreal"));
        outcome(get("/fhir/Slot?service-type=no-such-service"), 400, "unknown-service", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Slot?region=42"), 400, "unknown-region", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Slot?start=ge" + today + "&start=lt" + today.plusDays(120)), 400, "window-too-long", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Slot?start=lt2020-01-01"), 400, "window-in-past", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Slot?near=48.45%7C-68.52%7C500%7Ckm"), 400, "radius-out-of-range", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Slot?status=busy"), 400, "unsupported-slot-status", OperationOutcome.IssueType.INVALID);
        outcome(get("/fhir/Observation"), 404, "not-found", OperationOutcome.IssueType.NOTFOUND);
        outcome(send(HttpRequest.newBuilder(uri("/fhir/metadata")).DELETE()), 405, "method-not-allowed", OperationOutcome.IssueType.NOTSUPPORTED);
        outcome(send(HttpRequest.newBuilder(uri("/fhir/Appointment/$hold")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hold it"))), 415, "unsupported-media-type", OperationOutcome.IssueType.NOTSUPPORTED);
        outcome(send(HttpRequest.newBuilder(uri("/fhir/Appointment/$hold")).header("Content-Type", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\""))), 400, "malformed-body", OperationOutcome.IssueType.STRUCTURE);
        outcome(post("/fhir/Appointment/$hold", new Parameters()), 400, "missing-parameter", OperationOutcome.IssueType.REQUIRED);

        // The JSON API still answers RFC 9457 problem details.
        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/v1/slots?service=no-such-service")).GET());
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void refusesAHoldOnAnUnknownSlotOrWithABadNam() throws Exception {
        outcome(post("/fhir/Appointment/$hold", hold("Slot/" + java.util.UUID.randomUUID(), marie)), 404, "slot-not-found",
                OperationOutcome.IssueType.NOTFOUND);
        Patient wrong = marie.copy();
        String nam = nam(marie);
        char last = nam.charAt(nam.length() - 1);
        wrong.getIdentifierFirstRep().setValue(nam.substring(0, nam.length() - 1) + (char) ('0' + (last - '0' + 1) % 10));
        outcome(post("/fhir/Appointment/$hold", hold(bookableSlot(0), wrong)), 400, "nam-check-digit", OperationOutcome.IssueType.INVALID);
    }

    @Test
    @Order(2)
    void refusesAppointmentsToNobodyAndToAPartnerNamingNoPatient() throws Exception {
        String slot = bookableSlot(0);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri("/fhir/Appointment/$hold")).header("Content-Type", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(hold(slot, marie)))).build(), HttpResponse.BodyHandlers.ofString());
        outcome(anonymous, 401, "authentication-required", OperationOutcome.IssueType.LOGIN);

        Parameters nobody = hold(slot, marie);
        nobody.getParameter().removeIf(p -> p.getName().equals("patient"));
        outcome(post("/fhir/Appointment/$hold", nobody), 422, "partner-patient-required", OperationOutcome.IssueType.REQUIRED);
        assertThat(bookableSlot(0)).as("nothing changed: the slot is still the first free one").isEqualTo(slot);
    }

    // ---- booking ----------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void holdsBooksReadsAndCancelsThenTheSlotIsFreeAgain() throws Exception {
        String slot = bookableSlot(0);

        Appointment held = valid(post("/fhir/Appointment/$hold", hold(slot, marie)), 201, Appointment.class);
        assertThat(held.getStatus()).isEqualTo(Appointment.AppointmentStatus.PENDING);
        assertThat(held.getExtensionByUrl(FhirResources.HOLD_EXPIRES)).isNotNull();
        assertThat(held.getSlotFirstRep().getReference()).isEqualTo(slot);

        OperationOutcome second = outcome(post("/fhir/Appointment/$hold", hold(bookableSlot(1), marie)), 409, "hold-already-live",
                OperationOutcome.IssueType.BUSINESSRULE);
        assertThat(second.getIssue().get(1).getDiagnostics()).contains(held.getIdElement().getIdPart());
        OperationOutcome contested = outcome(post("/fhir/Appointment/$hold", hold(slot, jean)), 409, "slot-held",
                OperationOutcome.IssueType.CONFLICT);
        assertThat(contested.getIssue()).as("alternatives follow the error").hasSizeGreaterThan(1);

        Parameters book = new Parameters();
        book.addParameter().setName("appointment").setResource(held);
        book.addParameter().setName("patient").setResource(marie);
        HttpResponse<String> booking = post("/fhir/Appointment/$book", book);
        Appointment booked = valid(booking, 201, Appointment.class);
        assertThat(booked.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(booked.getIdentifierFirstRep().getValue()).isNotBlank();
        String id = booked.getIdElement().getIdPart();

        Appointment read = valid(send(HttpRequest.newBuilder(uri("/fhir/Appointment/" + id)).header("X-Patient-NAM", nam(marie))
                .header("X-Patient-Birth-Date", marie.getBirthDateElement().getValueAsString()).GET()), 200, Appointment.class);
        assertThat(read.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        outcome(send(HttpRequest.newBuilder(uri("/fhir/Appointment/" + id)).header("X-Patient-NAM", nam(jean))
                .header("X-Patient-Birth-Date", jean.getBirthDateElement().getValueAsString()).GET()), 404, "appointment-not-found",
                OperationOutcome.IssueType.NOTFOUND);
        outcome(get("/fhir/Appointment/" + id), 422, "partner-patient-required", OperationOutcome.IssueType.REQUIRED);

        outcome(post("/fhir/Appointment/$hold", hold(slot, jean)), 409, "slot-taken", OperationOutcome.IssueType.CONFLICT);

        Parameters cancel = new Parameters();
        cancel.addParameter().setName("patient").setResource(marie);
        Appointment cancelled = valid(post("/fhir/Appointment/" + id + "/$cancel", cancel), 200, Appointment.class);
        assertThat(cancelled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        outcome(post("/fhir/Appointment/" + id + "/$cancel", cancel), 409, "appointment-not-cancellable",
                OperationOutcome.IssueType.BUSINESSRULE);

        Appointment again = valid(post("/fhir/Appointment/$hold", hold(slot, jean)), 201, Appointment.class);
        assertThat(again.getStatus()).isEqualTo(Appointment.AppointmentStatus.PENDING);
    }

    @Test
    @Order(4)
    void refusesABookingAfterTheHoldRanOut() throws Exception {
        Appointment held = valid(post("/fhir/Appointment/$hold", hold(bookableSlot(2), lea)), 201, Appointment.class);
        clock.advance(Duration.ofMinutes(6));

        Parameters book = new Parameters();
        book.addParameter("appt-id", held.getIdElement().getIdPart());
        book.addParameter().setName("patient").setResource(lea);
        outcome(post("/fhir/Appointment/$book", book), 410, "hold-expired", OperationOutcome.IssueType.BUSINESSRULE);
    }

    // ---- support ----------------------------------------------------------------------------------------------

    /** The n-th free slot of the coming week that the orchestrator books through its source's API. */
    private String bookableSlot(int n) throws Exception {
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(30))).isTrue();
        LocalDate tomorrow = LocalDate.now(ZoneId.of("America/Montreal")).plusDays(1);
        Bundle slots = valid(get("/fhir/Slot?start=ge" + tomorrow + "&_count=100"), 200, Bundle.class);
        List<String> api = slots.getEntry().stream().map(e -> (Slot) e.getResource())
                .filter(s -> s.getExtensionByUrl(FhirResources.CHANNEL).getValueAsPrimitive().getValueAsString().equals("api"))
                .map(s -> "Slot/" + s.getIdElement().getIdPart()).toList();
        assertThat(api).hasSizeGreaterThan(n);
        return api.get(n);
    }

    private static List<Instant> starts(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> ((Slot) e.getResource()).getStart().toInstant()).toList();
    }

    private static Patient patient(int resident) {
        ca.careorchestrator.core.patient.Patient person = Residents.of(Preset.TINY, 1).get(resident).patient();
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(OperationInput.NAM).setValue(person.nam().value()));
        patient.addName().setFamily(person.familyName()).addGiven(person.givenName());
        patient.setBirthDate(java.sql.Date.valueOf(person.birthDate()));
        return patient;
    }

    private static String nam(Patient patient) {
        return patient.getIdentifierFirstRep().getValue();
    }

    private static Parameters hold(String slot, Patient patient) {
        Appointment proposed = new Appointment();
        proposed.setStatus(Appointment.AppointmentStatus.PROPOSED);
        proposed.addSlot(new Reference(slot));
        proposed.addParticipant().setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("appointment").setResource(proposed);
        parameters.addParameter().setName("patient").setResource(patient);
        return parameters;
    }

    private IParser parser() {
        return fhir.context().newJsonParser();
    }

    /** The answer's status, media type and resource type checked, and the resource validated with 0 errors. */
    private <T extends IBaseResource> T valid(HttpResponse<String> response, int status, Class<T> type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(FHIR_JSON));
        validation.assertValid(response.body());
        return parser().parseResource(type, response.body());
    }

    private OperationOutcome outcome(HttpResponse<String> response, int status, String code, OperationOutcome.IssueType type) {
        OperationOutcome outcome = valid(response, status, OperationOutcome.class);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(type);
        assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo(OperationOutcomes.PROBLEMS);
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
        assertThat(issue.getDetails().getText()).isNotBlank();
        assertThat(issue.getDiagnostics()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at ca.", "at org.");
        return outcome;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", FHIR_JSON).GET());
    }

    private HttpResponse<String> post(String path, Parameters parameters) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", FHIR_JSON).header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(parser().encodeResourceToString(parameters))));
    }

    /** As a partner platform: its bearer token from the embedded issuer (client credentials). */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + Caller.token(port, Caller.PARTNER, Caller.PARTNER_SECRET)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
