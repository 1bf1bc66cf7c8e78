package ca.careorchestrator.app.waitlist;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.availability.SlotsChanged;
import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.catalog.SlotQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.security.TestSignIn;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Mailbox;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.BookingChannel;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import ca.careorchestrator.core.patient.Sex;
import ca.careorchestrator.simulator.Simulation;
import ca.careorchestrator.simulator.platform.PlatformServer;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The waitlist end to end on the record (PostgreSQL) with the simulated platforms over their real protocols: a cancelled
 * appointment's slot is offered to the best waiting request (priority before filing time), held on that patient's behalf
 * and notified; a decline or a lapse passes it on; an acceptance books it at the source; a slot too close to its start is
 * left to general search; an acceptance after expiry is refused (410, RFC 9457) with nothing changed. The lapse and the
 * booking expiry loops are slowed to an hour so each test runs them when it means to ({@link SlotOffers#lapseDue}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Closed after the class: its connections, simulated platforms and loops are not kept for the ITs that run after it.
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.max-backoff=1s", "care.ingestion.poll-interval=1h",
        "care.ingestion.timeout=5s", "care.booking.expiry-interval=1h", "care.booking.reconcile-interval=1h",
        "care.waitlist.lapse-interval=1h", "care.waitlist.offer-ttl=15m", "care.waitlist.min-lead=2h"})
@org.springframework.context.annotation.Import(TestSignIn.class)
class PostgresWaitlistIT {

    static final List<Object> heard = new java.util.concurrent.CopyOnWriteArrayList<>(); // listeners add while a test reads

    @TestConfiguration
    static class Fixtures {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }

        /** A registry of this test's own patients (@Primary: it wins over the provisioned one). */
        @Bean
        @Primary
        Registry testRegistry() {
            return new Registry();
        }

        @Bean
        @Primary
        RecordedNotices recordedNotices(OfferNotices sent) {
            return new RecordedNotices(sent);
        }

        @Bean
        Listener listener() {
            return new Listener();
        }
    }

    static final class Registry implements InsuredPeople, ca.careorchestrator.app.booking.PatientRecords {
        final Map<PatientId, PatientIdentity> people = new ConcurrentHashMap<>();

        @Override
        public Optional<PatientIdentity> identity(PatientId patient) {
            return Optional.ofNullable(people.get(patient));
        }

        @Override
        public Optional<Contact> contact(PatientId patient) {
            return identity(patient).map(p -> new Contact(p.familyName().toLowerCase() + "@example.org", "+15145550100", Language.FR));
        }

        @Override
        public Verification verify(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today) {
            return people.values().stream().filter(p -> p.nam().value().equals(nam) && p.birthDate().equals(birthDate)).findFirst()
                    .<Verification>map(Verification.Verified::new).orElseGet(Verification.NotRegistered::new);
        }
    }

    /** Remembers each notice, then sends it for real (e-mail to the test's SMTP server, SMS to the logging gateway). */
    static final class RecordedNotices implements OfferNotices {
        final List<Notice> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final OfferNotices real;

        RecordedNotices(OfferNotices real) {
            this.real = real;
        }

        @Override
        public void offerMade(Notice notice) {
            sent.add(notice);
            real.offerMade(notice);
        }
    }

    static final class Listener {
        @EventListener
        void on(OfferMade event) {
            heard.add(event);
        }

        @EventListener
        void on(OfferDeclined event) {
            heard.add(event);
        }

        @EventListener
        void on(OfferLapsed event) {
            heard.add(event);
        }

        @EventListener
        void on(OfferAccepted event) {
            heard.add(event);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        PostgresDatabase.useFreshSchema(registry, "care_waitlist_it");
        mailbox = Mailbox.startFor(registry);
    }

    private static Mailbox mailbox;

    @org.junit.jupiter.api.AfterAll
    static void stopMailbox() {
        mailbox.close();
    }

    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    Catalog catalog;
    @Autowired
    Bookings bookings;
    @Autowired
    Waitlist waitlist;
    @Autowired
    SlotOffers slotOffers;
    @Autowired
    OpenRequests openRequests;
    @Autowired
    Directory directory;
    @Autowired
    Registry registry;
    @Autowired
    RecordedNotices notices;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Simulation simulation;
    private final Set<Instant> usedStarts = ConcurrentHashMap.newKeySet();
    private int patients;

    @BeforeAll
    void everySourceUp() throws InterruptedException {
        simulation = Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        await(Duration.ofSeconds(30), openRequests::ready, "the waitlist index is built");
    }

    @Test
    @Order(1)
    void aCancelledSlotGoesToTheBestWaitingRequestPriorityBeforeFilingTime() throws Exception {
        SlotHit slot = bookedSlot();
        Patient early = aPatient();
        Patient urgent = aPatient();
        CareRequestId earlyRequest = fileFor(early, slot);
        CareRequestId urgentRequest = fileFor(urgent, slot);
        assertThat(waitlist.setPriority(urgentRequest, Optional.of(PriorityCode.B))).isPresent();

        cancel(slot);

        OfferView offer = awaitOffer(urgentRequest);
        assertThat(offer.slot()).isEqualTo(slot.id());
        assertThat(offer.expiresAt()).as("the hold's expiry: 15 minutes from the hold, just before the offer was recorded")
                .isBetween(offer.offeredAt().plus(Duration.ofMinutes(14)), offer.offeredAt().plus(Duration.ofMinutes(15)));
        assertThat(slotState(slot.id())).isEqualTo("HELD");
        assertThat(holdOf(slot.id())).as("held on the patient's behalf").containsEntry("patient_ref", urgent.identity().ref());
        assertThat((Instant) holdOf(slot.id()).get("expires_at")).as("until the offer runs out, not before")
                .isBetween(offer.expiresAt(), offer.expiresAt().plusNanos(1_000));
        assertThat(requestState(urgentRequest)).isEqualTo("OFFERED");
        assertThat(requestState(earlyRequest)).isEqualTo("OPEN");
        assertThat(pendingOffer(earlyRequest)).isEmpty();
        OfferNotices.Notice notice = notices.sent.stream().filter(n -> n.offer().equals(offer.id())).findFirst().orElseThrow();
        assertThat(notice.patient()).isEqualTo(urgent.id());
        assertThat(notice.answer().getPath()).isEqualTo("/offres/" + offer.id());
        assertThat(notice.expiresAt()).isEqualTo(offer.expiresAt());
        String address = registry.contact(urgent.id()).orElseThrow().email();
        await(Duration.ofSeconds(20), () -> !mailbox.to(address).isEmpty(), "the offer's e-mail arrives");
        assertThat(Mailbox.subject(mailbox.to(address).getFirst())).isEqualTo("Une plage vous est offerte");
        assertThat((String) mailbox.to(address).getFirst().getContent()).as("decoded text")
                .contains("/offres/" + offer.id(), "(gratuit)", "retenue pour vous").doesNotContain(urgent.identity().nam().value());
        assertThat(heard).anyMatch(e -> e instanceof OfferMade made && made.offer().equals(offer.id()) && made.request().equals(urgentRequest)
                && made.slot().equals(slot.id()) && made.priority().equals(Optional.of(PriorityCode.B)));
        assertThat(waitlist.requestsOf(urgent.id())).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("OFFERED");
            assertThat(r.pendingOffer()).contains(offer);
        });
    }

    @Test
    @Order(2)
    void aDeclinePassesTheSlotToTheNextBestRequestAndTheDeclinerWaitsOn() {
        SlotHit slot = bookedSlot();
        Patient first = aPatient();
        Patient second = aPatient();
        CareRequestId firstRequest = fileFor(first, slot);
        CareRequestId secondRequest = fileFor(second, slot);
        cancel(slot);
        OfferView offer = awaitOffer(firstRequest);

        assertThat(waitlist.decline(offer.id(), second.id())).as("someone else's offer").isEqualTo(new DeclineOutcome.NotFound());
        DeclineOutcome declined = waitlist.decline(offer.id(), first.id());

        assertThat(declined).isInstanceOf(DeclineOutcome.Declined.class);
        OfferView next = awaitOffer(secondRequest);
        assertThat(next.slot()).isEqualTo(slot.id());
        assertThat(holdOf(slot.id())).containsEntry("patient_ref", second.identity().ref());
        assertThat(requestState(firstRequest)).as("the decliner keeps waiting for another slot").isEqualTo("OPEN");
        assertThat(offerState(offer.id())).isEqualTo("DECLINED");
        assertThat(heard).anyMatch(e -> e instanceof OfferDeclined d && d.offer().equals(offer.id()));
        assertThat(waitlist.decline(offer.id(), first.id())).isInstanceOf(DeclineOutcome.AlreadyAnswered.class);
    }

    @Test
    @Order(3)
    void aLapsedOfferPassesTheSlotOnAndAnAcceptanceBooksItAtTheSource() {
        SlotHit slot = bookedSlot();
        Patient first = aPatient();
        Patient second = aPatient();
        CareRequestId firstRequest = fileFor(first, slot);
        CareRequestId secondRequest = fileFor(second, slot);
        cancel(slot);
        OfferView offer = awaitOffer(firstRequest);

        clock.advance(Duration.ofMinutes(16));
        assertThat(slotOffers.lapseDue()).isGreaterThanOrEqualTo(1);

        assertThat(offerState(offer.id())).isEqualTo("LAPSED");
        assertThat(heard).anyMatch(e -> e instanceof OfferLapsed l && l.offer().equals(offer.id()));
        OfferView next = awaitOffer(secondRequest);
        assertThat(requestState(firstRequest)).isEqualTo("OPEN");

        AcceptOutcome accepted = waitlist.accept(next.id(), second.id());

        assertThat(accepted).as("%s", accepted).isInstanceOf(AcceptOutcome.Accepted.class);
        BookOutcome booking = ((AcceptOutcome.Accepted) accepted).booking();
        assertThat(booking).isInstanceOf(BookOutcome.Confirmed.class);
        AppointmentView appointment = ((BookOutcome.Confirmed) booking).appointment();
        assertThat(appointment.slot()).isEqualTo(slot.id());
        assertThat(slotState(slot.id())).isEqualTo("BOOKED");
        assertThat(platform(appointment.source()).slot(externalIdOf(appointment)).orElseThrow().free()).as("booked at the source").isFalse();
        assertThat(requestState(secondRequest)).isEqualTo("FULFILLED");
        assertThat(offerState(next.id())).isEqualTo("ACCEPTED");
        assertThat(bookings.appointments(second.identity())).extracting(AppointmentView::state).containsExactly("CONFIRMED");
        assertThat(waitlist.accept(next.id(), second.id())).isInstanceOf(AcceptOutcome.AlreadyAnswered.class);
        assertThat(heard).anyMatch(e -> e instanceof OfferAccepted a && a.offer().equals(next.id()));
    }

    @Test
    @Order(4)
    void acceptingAfterExpiryIsRefusedWithAProblemAndNothingChanges() throws Exception {
        SlotHit slot = bookedSlot();
        Patient patient = aPatient();
        CareRequestId request = fileFor(patient, slot);
        cancel(slot);
        OfferView offer = awaitOffer(request);
        clock.advance(Duration.ofMinutes(15));

        HttpResponse<String> response = post("/api/v1/offers/" + offer.id() + "/accept", patient.json());

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).endsWith("/problems/offer-expired");
        assertThat(problem.get("status").asInt()).isEqualTo(410);
        assertThat(response.body()).doesNotContain(patient.identity().nam().value());
        assertThat(offerState(offer.id())).isEqualTo("PENDING");
        assertThat(requestState(request)).isEqualTo("OFFERED");
        assertThat(slotState(slot.id())).isEqualTo("HELD");
        assertThat(holdOf(slot.id())).containsEntry("patient_ref", patient.identity().ref());
        assertThat(bookings.appointments(patient.identity())).isEmpty();

        assertThat(post("/api/v1/offers/" + offer.id() + "/accept", aPatient().json()).statusCode()).as("someone else's offer").isEqualTo(404);
        assertThat(post("/api/v1/offers/" + java.util.UUID.randomUUID() + "/accept", patient.json()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void filingThroughTheApiChecksTheRequestAndKeepsOneOpenRequestPerService() throws Exception {
        Patient patient = aPatient();
        SlotHit slot = freeSlots(1).getFirst();
        Clinic clinic = directory.clinic(slot.clinic()).orElseThrow();
        String service = slot.service().value();
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("America/Montreal"));

        HttpResponse<String> filed = post("/api/v1/care-requests", body(patient, service, clinic.fsa().value(), 25, today.plusDays(1), today.plusDays(20)));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = json.readTree(filed.body()).get("id").asText();

        assertThat(problemCode(post("/api/v1/care-requests", body(patient, service, clinic.fsa().value(), 25, today.plusDays(1), today.plusDays(5)))))
                .isEqualTo("care-request-already-open");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "follow-up", clinic.fsa().value(), 0, today, today.plusDays(5)))))
                .isEqualTo("radius-out-of-range");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "no-such-service", clinic.fsa().value(), 10, today, today.plusDays(5)))))
                .isEqualTo("unknown-service");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "follow-up", clinic.fsa().value(), 10, today.plusDays(5), today.plusDays(2)))))
                .isEqualTo("window-reversed");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "follow-up", clinic.fsa().value(), 10, today, today.plusDays(120)))))
                .isEqualTo("window-too-long");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "follow-up", clinic.fsa().value(), 10, today.minusDays(9), today.minusDays(2)))))
                .isEqualTo("window-in-past");
        assertThat(problemCode(post("/api/v1/care-requests", body(patient, "follow-up", "K1A", 10, today, today.plusDays(2)))))
                .isEqualTo("unknown-postal-area");
        Patient stranger = new Patient(identity(patients++), false);
        assertThat(problemCode(post("/api/v1/care-requests", body(stranger, "follow-up", clinic.fsa().value(), 10, today, today.plusDays(2)))))
                .isEqualTo("patient-not-verified");

        JsonNode mine = json.readTree(post("/api/v1/care-requests/lookup", patient.json()).body());
        assertThat(mine).hasSize(1);
        assertThat(jdbc.sql("select count(*) from identity_audit where subject_id = :p and action = 'api.care-requests.list'")
                .param("p", patient.id().value()).query(Long.class).single()).as("the read is audited").isEqualTo(1);
        assertThat(mine.get(0).get("state").asText()).isEqualTo("OPEN");

        HttpResponse<String> priority = send("PUT", "/api/v1/care-requests/" + id + "/priority", "{\"priority\":\"C\"}");
        assertThat(json.readTree(priority.body()).get("priority").asText()).isEqualTo("C");
        assertThat(problemCode(send("PUT", "/api/v1/care-requests/" + id + "/priority", "{\"priority\":\"Z\"}"))).isEqualTo("unknown-priority");

        HttpResponse<String> withdrawn = send("DELETE", "/api/v1/care-requests/" + id, patient.json());
        assertThat(json.readTree(withdrawn.body()).get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(problemCode(send("DELETE", "/api/v1/care-requests/" + id, patient.json()))).isEqualTo("care-request-ended");
        assertThat(openRequests.size()).as("withdrawn requests leave the index").isEqualTo(countOpen());
    }

    @Test
    @Order(6)
    void thePagesFileARequestShowTheOfferInFrenchOrEnglishAndTakeADecline() throws Exception {
        SlotHit slot = bookedSlot();
        Patient patient = aPatient();
        Clinic clinic = directory.clinic(slot.clinic()).orElseThrow();
        double distance = directory.postalArea(clinic.fsa()).orElseThrow().centroid().distanceKm(clinic.location());
        LocalDate day = LocalDate.ofInstant(slot.start(), java.time.ZoneId.of("America/Montreal"));
        Caller browser = Caller.session(port, TestSignIn.PATIENT + patient.id());
        // The orientation result links to the form with its service and window; a value the form cannot show is ignored.
        assertThat(get(browser, "/alertes?service=vaccination&from=2027-01-04&to=not-a-day").body()).contains("value=\"2027-01-04\"")
                .containsPattern("value=\"vaccination\"[^>]*selected");

        HttpResponse<String> filed = form(browser, "/alertes", Map.of("service", slot.service().value(), "postalCode", clinic.fsa().value(),
                "radiusKm", "" + ((int) Math.ceil(distance) + 1), "from", day.toString(), "to", day.toString(), "modalities",
                slot.modality().name()));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(302);
        assertThat(filed.headers().firstValue("Location").orElseThrow()).endsWith("/alertes");
        HttpResponse<String> list = get(browser, "/alertes");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Mes alertes", "En attente").doesNotContain(patient.identity().nam().value());
        CareRequestId request = waitlist.requestsOf(patient.id()).getFirst().request().id();

        cancel(slot);
        OfferView offer = awaitOffer(request);

        HttpResponse<String> page = get(browser, "/offres/" + offer.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Une plage vous est offerte", "/offres/" + offer.id() + "/accepter", "role=\"timer\"");
        assertThat(get(browser, "/offres/" + offer.id() + "?lang=en").body()).contains("A slot is offered to you", "Decline");
        HttpResponse<String> stranger = Caller.browser(port).page("/offres/" + offer.id());
        assertThat(stranger.statusCode()).as("a stranger is sent to sign in").isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location").orElseThrow()).contains("/connexion?suite=");

        HttpResponse<String> declined = form(browser, "/offres/" + offer.id() + "/refuser", Map.of());
        assertThat(declined.statusCode()).isEqualTo(302);
        assertThat(offerState(offer.id())).isEqualTo("DECLINED");
        assertThat(requestState(request)).isEqualTo("OPEN");

        assertThat(form(browser, "/alertes/" + request + "/retirer", Map.of()).statusCode()).isEqualTo(302);
        assertThat(requestState(request)).isEqualTo("WITHDRAWN");
    }

    @Test
    @Order(7)
    void withdrawingARequestWhoseOfferIsOutReleasesTheSlotToTheNextBest() {
        SlotHit slot = bookedSlot();
        Patient first = aPatient();
        Patient second = aPatient();
        CareRequestId firstRequest = fileFor(first, slot);
        CareRequestId secondRequest = fileFor(second, slot);
        cancel(slot);
        OfferView offer = awaitOffer(firstRequest);

        assertThat(waitlist.withdraw(firstRequest, second.id())).as("someone else's request").isEqualTo(new WithdrawOutcome.NotFound());
        WithdrawOutcome withdrawn = waitlist.withdraw(firstRequest, first.id());

        assertThat(withdrawn).isInstanceOf(WithdrawOutcome.Withdrawn.class);
        assertThat(requestState(firstRequest)).isEqualTo("WITHDRAWN");
        assertThat(offerState(offer.id())).isEqualTo("WITHDRAWN");
        assertThat(awaitOffer(secondRequest).slot()).isEqualTo(slot.id());
        assertThat(holdOf(slot.id())).containsEntry("patient_ref", second.identity().ref());
        assertThat(waitlist.accept(offer.id(), first.id())).isInstanceOf(AcceptOutcome.AlreadyAnswered.class);
    }

    /** Last: it moves the clock days ahead. */
    @Test
    @Order(9)
    void aPublishedSlotIsOfferedButOneTooCloseToItsStartIsLeftToGeneralSearch() {
        List<SlotHit> two = freeSlots(2);
        SlotHit far = two.get(0);
        Patient farPatient = aPatient();
        CareRequestId farRequest = fileFor(farPatient, far);
        events.publishEvent(new SlotsChanged(Set.of(far.id())));
        assertThat(awaitOffer(farRequest).slot()).as("a newly published free slot is offered").isEqualTo(far.id());

        SlotHit near = two.get(1);
        Patient nearPatient = aPatient();
        CareRequestId nearRequest = fileFor(nearPatient, near);
        clock.advance(Duration.between(clock.instant(), near.start()).minus(Duration.ofMinutes(90)));
        events.publishEvent(new SlotsChanged(Set.of(near.id())));
        await(Duration.ofSeconds(10), slotOffers::idle, "the matcher looked at the slot");

        assertThat(pendingOffer(nearRequest)).isEmpty();
        assertThat(slotState(near.id())).isEqualTo("FREE");
        assertThat(requestState(nearRequest)).isEqualTo("OPEN");
    }

    // ---- helpers ----

    record Patient(PatientIdentity identity, boolean registered) {
        PatientId id() {
            return new PatientId(identity.ref());
        }

        String json() {
            return "{\"patient\":{\"nam\":\"" + identity.nam().value() + "\",\"birthDate\":\"" + identity.birthDate() + "\"}}";
        }
    }

    private synchronized Patient aPatient() {
        PatientIdentity identity = identity(patients++);
        registry.people.put(identity.id(), identity);
        return new Patient(identity, true);
    }

    private static PatientIdentity identity(int n) {
        LocalDate birth = LocalDate.of(1951, 2, 3).plusDays(n * 41L);
        String family = "Attente" + (char) ('A' + n % 26) + (char) ('A' + (n / 26) % 26);
        HealthInsuranceNumber nam = HealthInsuranceNumber.issue(family, "Test", birth, n % 2 == 0 ? Sex.FEMALE : Sex.MALE, n % 10);
        return new PatientIdentity(new PatientId(java.util.UUID.nameUUIDFromBytes(nam.value().getBytes())), nam, family, "Test");
    }

    /** A request that matches this slot and, as near as can be, no other: its clinic's area, its minute, its modality. */
    private CareRequestId fileFor(Patient patient, SlotHit slot) {
        Clinic clinic = directory.clinic(slot.clinic()).orElseThrow();
        double distance = directory.postalArea(clinic.fsa()).orElseThrow().centroid().distanceKm(clinic.location());
        FileOutcome outcome = waitlist.file(new Waitlist.Filing(patient.id(), slot.service(), clinic.fsa(), (int) Math.ceil(distance) + 1,
                slot.start(), slot.start().plusSeconds(60), Set.of(slot.modality())));
        assertThat(outcome).as("%s", outcome).isInstanceOf(FileOutcome.Filed.class);
        pause(); // distinct filing instants
        return ((FileOutcome.Filed) outcome).request().request().id();
    }

    /** A free slot bookable by API, booked by someone (so that cancelling it frees it). */
    private SlotHit bookedSlot() {
        SlotHit slot = freeSlots(1).getFirst();
        Patient holder = aPatient();
        HoldOutcome held = bookings.hold(slot.id(), holder.identity());
        assertThat(held).isInstanceOf(HoldOutcome.Held.class);
        BookOutcome booked = bookings.confirm(((HoldOutcome.Held) held).hold().id(), holder.identity());
        assertThat(booked).as("%s", booked).isInstanceOf(BookOutcome.Confirmed.class);
        bookedBy.put(slot.id(), new Object[] {holder, ((BookOutcome.Confirmed) booked).appointment()});
        return slot;
    }

    private final Map<SlotId, Object[]> bookedBy = new ConcurrentHashMap<>();

    private void cancel(SlotHit slot) {
        Object[] booked = bookedBy.get(slot.id());
        CancelOutcome cancelled = bookings.cancel(((AppointmentView) booked[1]).id(), ((Patient) booked[0]).identity());
        assertThat(cancelled).as("%s", cancelled).isInstanceOf(CancelOutcome.Cancelled.class);
    }

    /**
     * Free API slots starting 30 hours or more from now (well past the minimum lead), none at the minute of a slot another
     * test used: the requests a test leaves waiting match their own slot's minute only, so they never compete for these.
     */
    private synchronized List<SlotHit> freeSlots(int count) {
        Instant from = clock.instant().plus(Duration.ofHours(30));
        List<SlotHit> found = new ArrayList<>();
        for (int page = 0; page < 20 && found.size() < count; page++) {
            SlotQuery query = new SlotQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), from, from.plus(Duration.ofDays(5)), SlotQuery.Order.SOONEST, page, 100);
            for (SlotHit hit : catalog.search(query).hits()) {
                if (found.size() < count && hit.channel() == BookingChannel.API && usedStarts.stream().noneMatch(
                        start -> Math.abs(Duration.between(start, hit.start()).toSeconds()) < 120)) {
                    found.add(hit);
                    usedStarts.add(hit.start());
                }
            }
        }
        assertThat(found).as("free slots").hasSize(count);
        return found;
    }

    private OfferView awaitOffer(CareRequestId request) {
        await(Duration.ofSeconds(20), () -> pendingOffer(request).isPresent(), "an offer is made to " + request);
        return pendingOffer(request).orElseThrow();
    }

    private Optional<OfferView> pendingOffer(CareRequestId request) {
        return jdbc.sql("select id from waitlist_offer where request_id = :r and state = 'PENDING'").param("r", request.value())
                .query(java.util.UUID.class).optional().map(id -> waitlist.offer(new OfferId(id), owner(request)).orElseThrow());
    }

    private PatientId owner(CareRequestId request) {
        return new PatientId(jdbc.sql("select patient_ref from waitlist_request where id = :id").param("id", request.value())
                .query(java.util.UUID.class).single());
    }

    private String requestState(CareRequestId id) {
        return jdbc.sql("select state from waitlist_request where id = :id").param("id", id.value()).query(String.class).single();
    }

    private String offerState(OfferId id) {
        return jdbc.sql("select state from waitlist_offer where id = :id").param("id", id.value()).query(String.class).single();
    }

    private long countOpen() {
        return jdbc.sql("select count(*) from waitlist_request where state = 'OPEN'").query(Long.class).single();
    }

    private String slotState(SlotId id) {
        return jdbc.sql("select state from availability_slot where id = :id").param("id", id.value()).query(String.class).single();
    }

    /** The live hold on this slot: its patient and expiry. */
    private Map<String, Object> holdOf(SlotId id) {
        return jdbc.sql("select patient_ref, expires_at from booking_hold where slot_id = :id and live_patient_ref is not null")
                .param("id", id.value()).query((rs, n) -> Map.<String, Object>of("patient_ref", rs.getObject("patient_ref", java.util.UUID.class),
                        "expires_at", rs.getTimestamp("expires_at").toInstant())).single();
    }

    private String externalIdOf(AppointmentView appointment) {
        return jdbc.sql("select external_id from booking_appointment where id = :id").param("id", appointment.id().value())
                .query(String.class).single();
    }

    private SimulatedPlatform platform(SourceSystem system) {
        return simulation.servers().stream().map(PlatformServer::platform).filter(p -> p.system() == system).findFirst().orElseThrow();
    }

    private String body(Patient patient, String service, String postalCode, int radius, LocalDate from, LocalDate to) {
        return "{\"patient\":{\"nam\":\"" + patient.identity().nam().value() + "\",\"birthDate\":\"" + patient.identity().birthDate()
                + "\"},\"service\":\"" + service + "\",\"postalCode\":\"" + postalCode + "\",\"radiusKm\":" + radius + ",\"from\":\"" + from
                + "\",\"to\":\"" + to + "\",\"modalities\":[\"IN_PERSON\",\"PHONE\"]}";
    }

    private String problemCode(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        String type = json.readTree(response.body()).get("type").asText();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> get(Caller browser, String path) {
        return browser.page(path);
    }

    private static HttpResponse<String> form(Caller browser, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return browser.send("POST", path, body, "application/x-www-form-urlencoded", "text/html");
    }

    private HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    /** As the access desk of the tiny province's region (Gaspésie), acting for the patient each body names. */
    private HttpResponse<String> send(String method, String path, String body) {
        if (desk == null) {
            desk = Caller.staff(port, "guichet.gaspesie");
        }
        return desk.send(method, path, body, "application/json", "application/json");
    }

    private Caller desk;

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
