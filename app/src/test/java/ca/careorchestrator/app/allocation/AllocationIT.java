package ca.careorchestrator.app.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.HoldAdmission;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.PatientProfiles;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ClinicKind;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PatientProfile;
import ca.careorchestrator.core.patient.PriorityCode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import ca.careorchestrator.app.security.TestSignIn;
import ca.careorchestrator.app.support.Caller;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Allocation policies end to end on the embedded database with the tiny province: staff save and read policies over
 * HTTP (bad ones refused, nothing changed), the search and the hold obey them as the clock moves, the booking records
 * the stage, explanations match the decisions, and what-if counts match a direct count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=2",
        "care.provisioning.slots=direct", "care.simulation.enabled=false", "care.allocation.seed-example-policies=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.springframework.context.annotation.Import(TestSignIn.class)
class AllocationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = """
            [{"audience":"REGISTERED_WITH_CLINIC"},
             {"audience":"REFERRED_ORPHAN","priority":"B","opensBefore":"PT72H"},
             {"audience":"ANY_INSURED","opensBefore":"PT24H"}]""";

    /** The registry of insured people as these tests want it (the identity module's is not in this branch). */
    static final class Registry implements PatientProfiles {
        final Map<PatientId, PatientProfile> profiles = new ConcurrentHashMap<>();

        @Override
        public Optional<PatientProfile> profile(PatientId patient, LocalDate today) {
            return Optional.ofNullable(profiles.get(patient));
        }
    }

    @TestConfiguration
    static class Fixtures {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }

        @Bean
        @Primary
        Registry testProfiles() {
            return new Registry();
        }
    }

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("care-allocation-it");
        registry.add("care.data-dir", dir::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Catalog catalog;
    @Autowired
    Directory directory;
    @Autowired
    Bookings bookings;
    @Autowired
    Policies policies;
    @Autowired
    Admissions admissions;
    @Autowired
    Registry registry;
    @Autowired
    TestClock clock;
    @Autowired
    ca.careorchestrator.app.identity.InsuredPeople people;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CurrentPolicies current;
    /** The clinics' systems are not connected in this test (slots written directly): one that books everything stands in. */
    @org.springframework.test.context.bean.override.mockito.MockitoSpyBean
    ca.careorchestrator.app.ingestion.Sources sources;

    ClinicId clinic;
    ClinicId otherClinic;

    @BeforeAll
    void provinceLoaded() throws InterruptedException {
        Loads.awaitReady(loader);
        // The residents as provisioned: drawn from the first day the province was generated for, before any test moves the clock.
        residents = Residents.of(Preset.TINY, 2, clock);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).as("the search index is built").isTrue();
        // The GMF with the most API-bookable slots in the coming week, and another clinic.
        Instant now = clock.instant();
        List<Clinic> gmfs = directory.allClinics().stream().filter(c -> c.kind() == ClinicKind.GMF).toList();
        clinic = gmfs.stream().max(java.util.Comparator.comparingLong(c -> catalog.freeSlotsOf(c.id(), now, now.plus(Duration.ofDays(7))).stream()
                .filter(h -> h.channel() == BookingChannel.API).count())).orElseThrow().id();
        otherClinic = directory.allClinics().stream().map(Clinic::id).filter(id -> !id.equals(clinic)).findFirst().orElseThrow();
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------

    private static final java.util.regex.Pattern STAFF_PATH = java.util.regex.Pattern.compile("^/(?:api/v1/staff/clinics|clinique)/([0-9a-f-]{36})");
    private final java.util.Map<String, Caller> staff = new java.util.concurrent.ConcurrentHashMap<>();
    private Caller visitor;

    /**
     * Who calls (issue #5): a clinic's pages and policies as staff of that clinic (signed in by {@link TestSignIn}),
     * holds as a partner platform naming the patient, the rest as a visitor's browser.
     */
    private Caller callerFor(String path) {
        java.util.regex.Matcher clinicPath = STAFF_PATH.matcher(path);
        if (clinicPath.find()) {
            return staff.computeIfAbsent(clinicPath.group(1), c -> Caller.session(port, TestSignIn.CLINIC_STAFF + c));
        }
        if (path.startsWith("/api/v1/holds") || path.startsWith("/api/v1/appointments")) {
            return Caller.partner(port);
        }
        if (visitor == null) {
            visitor = Caller.browser(port);
        }
        return visitor;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return callerFor(path).send(method, path, body, body == null ? null : "application/json", null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    private String policiesPath(ClinicId id) {
        return "/api/v1/staff/clinics/" + id + "/policies";
    }

    private HttpResponse<String> put(ClinicId id, String request) throws Exception {
        return send("PUT", policiesPath(id), request);
    }

    // ---- patients -----------------------------------------------------------------------------------------

    private int patients;
    private List<ca.careorchestrator.simulator.province.Resident> residents;

    /** A patient known to the registry; {@code registeredAt} their clinic (with one of its professionals), or an orphan. */
    private PatientIdentity aPatient(Optional<ClinicId> registeredAt, Optional<PriorityCode> referral) {
        // A resident of the provisioned province (the registry verifies every patient); the facts the rules read are
        // this test's own (its PatientProfiles), so each test sets the registration and referral it needs.
        ca.careorchestrator.core.patient.Patient resident = residents.get(patients++).patient();
        PatientIdentity identity = people.verified(resident.nam().value(), resident.birthDate(), Optional.of(resident.sex()),
                LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("America/Montreal")));
        Optional<ProfessionalId> doctor = registeredAt.map(c -> directory.allProfessionals().stream().filter(p -> p.clinic().equals(c))
                .findFirst().orElseThrow().id());
        Clinic home = directory.clinic(registeredAt.orElse(clinic)).orElseThrow();
        registry.profiles.put(new PatientId(identity.ref()), new PatientProfile(new PatientId(identity.ref()), resident.birthDate(),
                home.region(), home.localNetwork(), registeredAt, doctor, referral));
        return identity;
    }

    private static String patientJson(PatientIdentity patient) {
        return "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(patient.nam().value(), patient.birthDate());
    }

    // ---- staff: save, read back, refuse -------------------------------------------------------------------

    @Test
    @Order(1)
    void staffSaveAPolicyAndReadItBackWithItsHistory() throws Exception {
        HttpResponse<String> first = put(clinic, "{\"stages\":" + EXAMPLE + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("version").asInt()).isEqualTo(1);
        assertThat(json(first).get("savedBy").asString()).as("the signed-in staff member").isEqualTo("staff-" + clinic);

        JsonNode current = json(send("GET", policiesPath(clinic), null)).get("policies");
        assertThat(current.size()).isEqualTo(1);
        JsonNode stages = current.get(0).get("stages");
        assertThat(stages.size()).isEqualTo(3);
        assertThat(stages.get(0).get("audience").asString()).isEqualTo("REGISTERED_WITH_CLINIC");
        assertThat(stages.get(0).get("opensBefore").isNull()).isTrue();
        assertThat(stages.get(1).get("priority").asString()).isEqualTo("B");
        assertThat(stages.get(1).get("opensBefore").asString()).isEqualTo("PT72H");
        assertThat(stages.get(2).get("description").asString()).isEqualTo("Toute personne assurée, 24 h avant le début");

        // Saved again (the same rules, say): version 2; version 1 is kept, marked replaced.
        assertThat(put(clinic, "{\"stages\":" + EXAMPLE + "}").statusCode()).isEqualTo(200);
        JsonNode history = json(send("GET", policiesPath(clinic) + "?history=true", null)).get("policies");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(history.get(0).get("replacedAt").isNull()).isTrue();
        assertThat(history.get(1).get("replacedAt").isNull()).isFalse();
        assertThat(policies.currentOf(clinic)).hasSize(1);
    }

    @Test
    @Order(2)
    void badPoliciesAreRefusedWithEveryDefectAndNothingChanges() throws Exception {
        long versions = jdbc.sql("select count(*) from allocation_policy").query(Long.class).single();
        String before = send("GET", policiesPath(clinic), null).body();

        JsonNode unordered = problem(put(clinic, """
                {"stages":[{"audience":"ANY_INSURED","opensBefore":"PT24H"},{"audience":"REGISTERED_WITH_CLINIC","opensBefore":"PT72H"}]}"""),
                422, "allocation-policy-stages-unordered");
        assertThat(unordered.get("defects").get(0).get("stage").asInt()).isEqualTo(2);
        assertThat(unordered.get("defects").get(0).get("conflictsWith").asInt()).isEqualTo(1);
        // Both defects of this one are listed: stage 2 opens earlier than stage 1, and "any insured" already covers it.
        assertThat(unordered.get("defects").size()).isEqualTo(2);
        assertThat(unordered.get("defects").get(1).get("code").asString()).isEqualTo("allocation-policy-stages-overlapping");

        problem(put(clinic, """
                {"stages":[{"audience":"REFERRED_ORPHAN","priority":"C","opensBefore":"PT72H"},
                           {"audience":"REFERRED_ORPHAN","priority":"A","opensBefore":"PT48H"}]}"""), 422, "allocation-policy-stages-overlapping");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"P91D\"}]}"), 422, "allocation-policy-lead-out-of-range");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"-PT2H\"}]}"), 422, "allocation-policy-lead-out-of-range");
        problem(put(clinic, "{\"stages\":[]}"), 422, "allocation-policy-no-stages");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"AGE_BAND\",\"fromYears\":70,\"toYears\":5}]}"), 422, "allocation-policy-bad-age-band");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"two days\"}]}"), 400, "malformed-allocation-stage");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"PAYING_CUSTOMERS\"}]}"), 400, "malformed-allocation-stage");
        problem(put(clinic, "{\"stages\":[{\"audience\":\"REFERRED_ORPHAN\"}]}"), 400, "malformed-allocation-stage");
        problem(put(clinic, "{\"professionalId\":\"" + UUID.randomUUID() + "\",\"stages\":" + EXAMPLE + "}"), 400, "unknown-professional");
        ProfessionalId elsewhere = directory.allProfessionals().stream().filter(p -> !p.clinic().equals(clinic)).findFirst().orElseThrow().id();
        problem(put(clinic, "{\"professionalId\":\"" + elsewhere + "\",\"stages\":" + EXAMPLE + "}"), 400, "unknown-professional");
        problem(put(clinic, "{\"service\":\"astrology\",\"stages\":" + EXAMPLE + "}"), 400, "unknown-service");
        problem(put(new ClinicId(UUID.randomUUID()), "{\"stages\":" + EXAMPLE + "}"), 404, "clinic-not-found");
        problem(put(clinic, "{\"stages\":"), 400, "malformed-body");
        problem(send("POST", policiesPath(clinic) + "/what-if", "{\"stages\":[{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"P100D\"}]}"), 422,
                "allocation-policy-lead-out-of-range");
        // English too.
        JsonNode english = problem(put(clinic, "{\"stages\":[]}".replace("[]", "[{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"P91D\"}]")
                .replace("{\"stages\"", "{\"stages\"")), 422, "allocation-policy-lead-out-of-range");
        assertThat(english.get("defects").get(0).get("message").asString()).contains("90");

        assertThat(jdbc.sql("select count(*) from allocation_policy").query(Long.class).single()).isEqualTo(versions);
        assertThat(send("GET", policiesPath(clinic), null).body()).isEqualTo(before);
    }

    // ---- search, hold, booking ------------------------------------------------------------------------------

    /** An API-bookable free slot of the clinic starting between {@code from} and {@code to} from now, latest-first not needed. */
    private SlotHit slotStartingIn(Duration from, Duration to) {
        Instant now = clock.instant();
        return catalog.freeSlotsOf(clinic, now.plus(from), now.plus(to)).stream().filter(h -> h.channel() == BookingChannel.API)
                .findFirst().orElseThrow(() -> new AssertionError("no API slot of the clinic " + from + ".." + to + " from now"));
    }

    private boolean foundAnonymously(SlotHit slot) throws Exception {
        return foundBy(slot, null).contains(slot.id().toString());
    }

    /** The ids a search of the slot's hour finds over the API (anonymous) or by the catalog for a patient. */
    private List<String> foundBy(SlotHit slot, PatientIdentity patient) throws Exception {
        Instant from = slot.start().minus(Duration.ofMinutes(1));
        Instant to = slot.start().plus(Duration.ofMinutes(1));
        if (patient == null) {
            JsonNode page = json(send("GET", "/api/v1/slots?region=" + slot.region() + "&service=" + slot.service().value() + "&from=" + from + "&to=" + to
                    + "&size=100", null));
            List<String> ids = new ArrayList<>();
            page.get("items").forEach(item -> ids.add(item.get("id").asString()));
            return ids;
        }
        var query = new ca.careorchestrator.app.catalog.SlotQuery(Optional.of(slot.region()), Optional.empty(), Optional.of(slot.service()),
                Optional.empty(), Optional.empty(), Optional.empty(), from, to, ca.careorchestrator.app.catalog.SlotQuery.Order.SOONEST, 0, 100);
        return catalog.search(query, admissions.visibilityFor(admissions.applicant(patient))).hits().stream().map(h -> h.id().toString()).toList();
    }

    @Test
    @Order(3)
    void aPatientNotYetAdmittedCannotSeeNorHoldTheSlotUntilItsStageOpensThenCanAndTheBookingRecordsTheStage() throws Exception {
        policies.save(PolicyScope.clinic(clinic), ((ca.careorchestrator.core.allocation.PolicyCheck.Valid) ca.careorchestrator.core.allocation
                .AllocationPolicy.check(ca.careorchestrator.core.allocation.AllocationPolicy.EXAMPLE.stages())).policy().stages(), "test");
        SlotHit slot = slotStartingIn(Duration.ofHours(80), Duration.ofHours(7 * 24));
        PatientIdentity stranger = aPatient(Optional.of(otherClinic), Optional.empty());
        PatientIdentity own = aPatient(Optional.of(clinic), Optional.empty());

        // Not open to everyone yet: hidden from an anonymous search, which says signed-in patients may see more.
        assertThat(foundAnonymously(slot)).isFalse();
        JsonNode page = json(send("GET", "/api/v1/slots?region=" + slot.region() + "&service=" + slot.service().value() + "&from="
                + slot.start().minusSeconds(60) + "&to=" + slot.start().plusSeconds(60), null));
        assertThat(page.get("moreForSignedIn").asBoolean()).isTrue();
        assertThat(foundBy(slot, stranger)).doesNotContain(slot.id().toString());
        assertThat(foundBy(slot, own)).contains(slot.id().toString());

        JsonNode refused = problem(send("POST", "/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot.id(), patientJson(stranger))),
                409, "slot-not-open-to-you");
        Instant opensAt = slot.start().minus(Duration.ofHours(24));
        assertThat(Instant.parse(refused.get("opensAt").asString())).isEqualTo(opensAt);
        assertThat(refused.get("explanation").get("decision").asString()).isEqualTo("NOT_YET");
        assertThat(refused.get("explanation").get("stages").get(0).get("reason").asString()).isEqualTo("NOT_REGISTERED_WITH_CLINIC");
        assertThat(refused.get("explanation").get("stages").get(1).get("reason").asString()).isEqualTo("NOT_ORPHAN");

        // The stage opens: the stranger sees the slot, holds it, and the booking records stage 3.
        clock.advance(Duration.between(clock.instant(), opensAt).plusSeconds(5));
        assertThat(foundAnonymously(slot)).isTrue();
        assertThat(foundBy(slot, stranger)).contains(slot.id().toString());
        HttpResponse<String> held = send("POST", "/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot.id(), patientJson(stranger)));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String holdId = json(held).get("id").asString();
        ca.careorchestrator.connector.spi.BookingConnector booksEverything = org.mockito.Mockito.mock(ca.careorchestrator.connector.spi.BookingConnector.class);
        org.mockito.Mockito.when(booksEverything.book(org.mockito.ArgumentMatchers.any()))
                .thenReturn(new ca.careorchestrator.connector.spi.BookingAnswer.Booked("SRC-1"));
        org.mockito.Mockito.doReturn(Optional.of(booksEverything)).when(sources).bookingConnector(org.mockito.ArgumentMatchers.any());
        HttpResponse<String> booked = send("POST", "/api/v1/holds/" + holdId + "/confirm", "{\"patient\":%s}".formatted(patientJson(stranger)));
        assertThat(booked.statusCode()).as(booked.body()).isIn(201, 202);
        AppointmentId appointment = new AppointmentId(UUID.fromString(json(booked).get("appointment").get("id").asString()));
        UUID policy = policies.currentOf(clinic).get(0).id();
        assertThat(bookings.admissionOf(appointment)).contains(new HoldAdmission.AdmittedBy(Optional.of(policy), 3, "ANY_INSURED"));
        assertThat(jdbc.sql("select admission_stage from booking_hold where id = :id").param("id", UUID.fromString(holdId)).query(Integer.class)
                .single()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void theClinicsOwnPatientsAndReferredOrphansAreAdmittedByTheirStages() throws Exception {
        PatientIdentity own = aPatient(Optional.of(clinic), Optional.empty());
        SlotHit far = slotStartingIn(Duration.ofHours(80), Duration.ofHours(6 * 24));
        var ownHold = bookings.hold(far.id(), own);
        assertThat(ownHold).isInstanceOf(ca.careorchestrator.app.booking.HoldOutcome.Held.class);
        UUID ownHoldId = ((ca.careorchestrator.app.booking.HoldOutcome.Held) ownHold).hold().id().value();
        assertThat(jdbc.sql("select admission_audience from booking_hold where id = :id").param("id", ownHoldId).query(String.class).single())
                .isEqualTo("REGISTERED_WITH_CLINIC");

        PatientIdentity orphan = aPatient(Optional.empty(), Optional.of(PriorityCode.A));
        SlotHit within72 = slotStartingIn(Duration.ofHours(30), Duration.ofHours(70));
        var orphanHold = bookings.hold(within72.id(), orphan);
        assertThat(orphanHold).isInstanceOf(ca.careorchestrator.app.booking.HoldOutcome.Held.class);
        UUID orphanHoldId = ((ca.careorchestrator.app.booking.HoldOutcome.Held) orphanHold).hold().id().value();
        assertThat(jdbc.sql("select admission_stage from booking_hold where id = :id").param("id", orphanHoldId).query(Integer.class).single())
                .isEqualTo(2);
        PatientIdentity lowPriority = aPatient(Optional.empty(), Optional.of(PriorityCode.D));
        SlotHit another = catalog.freeSlotsOf(clinic, clock.instant().plus(Duration.ofHours(30)), clock.instant().plus(Duration.ofHours(70))).stream()
                .filter(h -> !h.id().equals(within72.id())).findFirst().orElseThrow();
        assertThat(bookings.hold(another.id(), lowPriority)).isInstanceOf(ca.careorchestrator.app.booking.HoldOutcome.NotOpenToYou.class);
    }

    // ---- explanations and what-if ------------------------------------------------------------------------------

    @Test
    @Order(5)
    void explanationsMatchTheDecisionsOfSearchAndHold() throws Exception {
        Random random = new Random(5);
        List<PatientIdentity> people = List.of(aPatient(Optional.of(clinic), Optional.empty()), aPatient(Optional.of(otherClinic), Optional.empty()),
                aPatient(Optional.empty(), Optional.of(PriorityCode.B)), aPatient(Optional.empty(), Optional.of(PriorityCode.E)),
                aPatient(Optional.empty(), Optional.empty()));
        Instant now = clock.instant();
        List<SlotHit> week = catalog.freeSlotsOf(clinic, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(6))).stream()
                .filter(h -> h.channel() == BookingChannel.API).toList();
        assertThat(week).hasSizeGreaterThan(10);
        for (int i = 0; i < 25; i++) {
            SlotHit slot = week.get(random.nextInt(week.size()));
            PatientIdentity patient = people.get(random.nextInt(people.size()));
            JsonNode explained = json(send("POST", "/api/v1/slots/" + slot.id() + "/explain", "{\"patient\":%s}".formatted(patientJson(patient))))
                    .get("explanation");
            String decision = explained.get("decision").asString();
            boolean visible = foundBy(slot, patient).contains(slot.id().toString());
            assertThat(visible).as("slot %s, patient %d: %s", slot.start(), people.indexOf(patient), decision).isEqualTo(decision.equals("ADMITTED"));
            var outcome = bookings.hold(slot.id(), patient);
            switch (outcome) {
                case ca.careorchestrator.app.booking.HoldOutcome.Held held -> {
                    assertThat(decision).isEqualTo("ADMITTED");
                    assertThat(bookings.release(held.hold().id(), patient)).isTrue();
                }
                case ca.careorchestrator.app.booking.HoldOutcome.NotOpenToYou notOpen -> {
                    assertThat(decision).isIn("NOT_YET", "NOT_ADMITTED");
                    assertThat(notOpen.refusal().opensAt().map(Instant::toString).orElse(null))
                            .isEqualTo(explained.get("opensAt").isNull() ? null : Instant.parse(explained.get("opensAt").asString()).toString());
                }
                default -> {
                    // Held or taken by an earlier test's patient: the policy was not the question.
                }
            }
        }
        JsonNode anonymous = json(send("POST", "/api/v1/slots/" + week.get(week.size() - 1).id() + "/explain", "{}")).get("explanation");
        assertThat(anonymous.get("stages").get(0).get("reason").asString()).isEqualTo("IDENTITY_NEEDED");
        problem(send("POST", "/api/v1/slots/" + UUID.randomUUID() + "/explain", "{}"), 404, "slot-not-found");
    }

    @Test
    @Order(6)
    void whatIfCountsEqualADirectCountOfTheWeeksFreeSlots() throws Exception {
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(30))).isTrue();
        JsonNode forecast = json(send("POST", policiesPath(clinic) + "/what-if", "{\"stages\":" + EXAMPLE + "}"));
        Instant from = Instant.parse(forecast.get("from").asString());
        Instant to = Instant.parse(forecast.get("to").asString());
        long direct = jdbc.sql("select count(*) from availability_slot where clinic_id = :clinic and state = 'FREE' and start_at >= :from and start_at < :to")
                .param("clinic", clinic.value()).param("from", from.atOffset(java.time.ZoneOffset.UTC)).param("to", to.atOffset(java.time.ZoneOffset.UTC))
                .query(Long.class).single();
        long within24h = jdbc.sql("select count(*) from availability_slot where clinic_id = :clinic and state = 'FREE' and start_at >= :from and start_at < :to")
                .param("clinic", clinic.value()).param("from", from.atOffset(java.time.ZoneOffset.UTC))
                .param("to", from.plus(Duration.ofHours(24)).atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single();
        assertThat(forecast.get("slots").asLong()).isEqualTo(direct).isPositive();
        JsonNode stages = forecast.get("stages");
        assertThat(stages.get(0).get("slots").asLong()).isEqualTo(direct);
        assertThat(stages.get(0).get("openNow").asLong()).isEqualTo(direct);
        assertThat(stages.get(2).get("openNow").asLong()).isEqualTo(within24h);
        long later = 0;
        for (var day : stages.get(2).get("opening").properties()) {
            later += day.getValue().asLong();
        }
        assertThat(within24h + later).isEqualTo(direct);

        // A professional's own policy keeps that professional's slots from the clinic-wide forecast.
        ProfessionalId professional = catalog.freeSlotsOf(clinic, from, to).get(0).professional();
        long theirs = jdbc.sql("select count(*) from availability_slot where clinic_id = :clinic and professional_id = :p and state = 'FREE' "
                + "and start_at >= :from and start_at < :to").param("clinic", clinic.value()).param("p", professional.value())
                .param("from", from.atOffset(java.time.ZoneOffset.UTC)).param("to", to.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single();
        assertThat(put(clinic, "{\"professionalId\":\"" + professional + "\",\"stages\":[{\"audience\":\"REGISTERED_WITH_PROFESSIONAL\"},"
                + "{\"audience\":\"ANY_INSURED\",\"opensBefore\":\"PT48H\"}]}").statusCode()).isEqualTo(200);
        JsonNode clinicWide = json(send("POST", policiesPath(clinic) + "/what-if", "{\"stages\":" + EXAMPLE + "}"));
        assertThat(clinicWide.get("slots").asLong()).isBetween(direct - theirs - 2, direct - theirs); // a slot may start meanwhile
        JsonNode own = json(send("POST", policiesPath(clinic) + "/what-if", "{\"professionalId\":\"" + professional + "\",\"stages\":" + EXAMPLE + "}"));
        assertThat(own.get("slots").asLong()).isBetween(theirs - 2, theirs);
    }

    // ---- pages --------------------------------------------------------------------------------------------------

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return callerFor(path).send("POST", path, form, "application/x-www-form-urlencoded", null);
    }

    @Test
    @Order(7)
    void staffSeeTheRulesPreviewAProposalThenSaveItAndABadOneIsShownBackWithItsDefects() throws Exception {
        String path = "/clinique/" + clinic + "/regles";
        HttpResponse<String> page = send("GET", path, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Règles d&#39;octroi", "Toute la clinique", "Voir l&#39;aperçu").doesNotContain("Enregistrer cette règle");
        assertThat(send("GET", path + "?lang=en", null).body()).contains("Allocation rules", "See the preview");

        String proposal = "professional=&service=&audience1=REGISTERED_WITH_CLINIC&hours1=&audience2=REFERRED_ORPHAN&priority2=B&hours2=96"
                + "&audience3=ANY_INSURED&hours3=36";
        HttpResponse<String> preview = postForm(path, proposal + "&action=preview");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Aperçu", "Enregistrer cette règle");
        int before = policies.currentOf(clinic).stream().filter(p -> p.scope().equals(PolicyScope.clinic(clinic))).findFirst().orElseThrow().version();

        HttpResponse<String> saved = postForm(path, proposal + "&action=save");
        assertThat(saved.statusCode()).isEqualTo(302);
        StoredPolicy now = policies.currentOf(clinic).stream().filter(p -> p.scope().equals(PolicyScope.clinic(clinic))).findFirst().orElseThrow();
        assertThat(now.version()).isEqualTo(before + 1);
        assertThat(now.policy().stages().get(1).opening()).isEqualTo(ca.careorchestrator.core.allocation.Opening.before(Duration.ofHours(96)));

        HttpResponse<String> bad = postForm(path, "audience1=ANY_INSURED&hours1=24&audience2=REGISTERED_WITH_CLINIC&hours2=72&action=save");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("allocation-policy-stages-unordered", "L&#39;étape 2 s&#39;ouvre avant l&#39;étape 1");
        assertThat(policies.currentOf(clinic).stream().filter(p -> p.scope().equals(PolicyScope.clinic(clinic))).findFirst().orElseThrow().version())
                .isEqualTo(before + 1);
        assertThat(postForm(path, "audience1=ANY_INSURED&hours1=soon&action=preview").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/clinique/" + UUID.randomUUID() + "/regles", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void thePatientsWhyPageExplainsEachStageAndIsLinkedFromTheSlotPage() throws Exception {
        // A slot under the clinic-wide policy: the what-if test gave one professional a policy of their own.
        Instant now = clock.instant();
        java.util.Set<ProfessionalId> ownPolicies = policies.currentOf(clinic).stream().map(p -> p.scope().professional())
                .flatMap(Optional::stream).collect(java.util.stream.Collectors.toSet());
        SlotHit slot = catalog.freeSlotsOf(clinic, now.plus(Duration.ofHours(100)), now.plus(Duration.ofDays(6))).stream()
                .filter(h -> h.channel() == BookingChannel.API && !ownPolicies.contains(h.professional())).findFirst().orElseThrow();
        assertThat(send("GET", "/rendez-vous/plage/" + slot.id(), null).body()).contains("/rendez-vous/plage/" + slot.id() + "/pourquoi");
        HttpResponse<String> anonymous = send("GET", "/rendez-vous/plage/" + slot.id() + "/pourquoi", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("Patients inscrits à cette clinique", "Cela dépend de votre dossier", "id=\"sign-in-to-see\"");

        PatientIdentity stranger = aPatient(Optional.of(otherClinic), Optional.empty());
        // A signed-in patient's page reads the same explanation as the API gives for them (sign-in itself: SignInIT, PatientFlowIT).
        HttpResponse<String> forThem = send("POST", "/api/v1/slots/" + slot.id() + "/explain", "{\"patient\":" + patientJson(stranger) + "}");
        assertThat(forThem.statusCode()).as(forThem.body()).isEqualTo(200);
        assertThat(forThem.body()).contains("Vous n'êtes pas inscrit à cette clinique.", "Cette plage vous sera offerte à l'étape 3");
        assertThat(Caller.browser(port).page("/rendez-vous/plage/" + slot.id() + "/pourquoi?lang=en").body()).as("a new visitor")
                .contains("It depends on your record");
    }

    @Test
    @Order(9)
    void provisioningGivesEveryGmfWithoutAPolicyTheExampleAndLeavesTheOthersAlone() {
        int ownVersion = policies.currentOf(clinic).stream().filter(p -> p.scope().equals(PolicyScope.clinic(clinic))).findFirst().orElseThrow().version();
        new ExamplePolicies(policies, current, directory, true).on(new ca.careorchestrator.app.provisioning.ProvinceProvisioned(
                new ca.careorchestrator.simulator.province.ProvinceSpec(ca.careorchestrator.simulator.province.Preset.fromCode("tiny"), 1,
                        LocalDate.now(), 1), false));

        for (Clinic gmf : directory.allClinics().stream().filter(c -> c.kind() == ClinicKind.GMF).toList()) {
            StoredPolicy policy = policies.currentOf(gmf.id()).stream().filter(p -> p.scope().equals(PolicyScope.clinic(gmf.id()))).findFirst().orElseThrow();
            if (gmf.id().equals(clinic)) {
                assertThat(policy.version()).as("a clinic's own policy is kept").isEqualTo(ownVersion);
            } else {
                assertThat(policy.policy()).isEqualTo(ca.careorchestrator.core.allocation.AllocationPolicy.EXAMPLE);
                assertThat(policy.savedBy()).isEqualTo("provisioning");
            }
        }
        assertThat(directory.allClinics().stream().filter(c -> c.kind() != ClinicKind.GMF).allMatch(c -> policies.currentOf(c.id()).isEmpty())).isTrue();
    }
}
