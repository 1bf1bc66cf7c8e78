package ca.careorchestrator.app.fairness;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.booking.SlotReleased;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.app.waitlist.FileOutcome;
import ca.careorchestrator.app.waitlist.OfferMade;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.app.waitlist.WaitlistProbe;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.fairness.Flag;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.core.patient.Sex;
import ca.careorchestrator.simulator.province.Preset;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue #5's hoarding scenario on the record (PostgreSQL), the tiny province's simulated platforms over their real
 * protocols, and simulated time: a malicious partner ({@link HoardingPartner}) with many identities polls the public
 * search every five simulated seconds and grabs whatever it sees, while honest patients cancel appointments that other
 * honest patients wait for on the waitlist, and an honest partner books ordinary free slots for residents. The freed
 * slots go to the waiting patients, not the bot (at most 1 % captured); the bot is flagged within five simulated
 * minutes, in the store and in the ministry's JSON audit view; no honest patient or channel is.
 *
 * <p>The partners are registered for the test (the list replaces the demo one): the hoarder with a generous quota, so
 * what stops it is the waitlist and what shows it is the flags; the honest partner as {@code demo-partner}; and the
 * demo's tight-quota portal, whose sixth hold in the hour is refused whatever identities it names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.max-backoff=1s", "care.ingestion.poll-interval=1h",
        "care.ingestion.timeout=5s", "care.booking.expiry-interval=200ms", "care.booking.reconcile-interval=1h",
        "care.waitlist.lapse-interval=1h", "care.waitlist.offer-ttl=15m", "care.waitlist.min-lead=2h",
        "care.security.clients[0].client-id=" + HoardingScenarioIT.HOARDER, "care.security.clients[0].secret={noop}hoarder-secret",
        "care.security.clients[0].scopes=booking", "care.security.clients[0].limits.holds-per-hour=100000",
        "care.security.clients[0].limits.requests-per-second=1000", "care.security.clients[0].limits.burst=2000",
        "care.security.clients[1].client-id=" + Caller.PARTNER, "care.security.clients[1].secret={noop}" + Caller.PARTNER_SECRET,
        "care.security.clients[1].scopes=booking", "care.security.clients[1].limits.holds-per-hour=1000",
        "care.security.clients[1].limits.requests-per-second=50", "care.security.clients[1].limits.burst=100",
        // The demo's small portal, as in application.yml.
        "care.security.clients[2].client-id=demo-portal", "care.security.clients[2].secret={noop}demo-portal-secret",
        "care.security.clients[2].scopes=booking", "care.security.clients[2].limits.holds-per-hour=5",
        "care.security.clients[2].limits.requests-per-second=2", "care.security.clients[2].limits.burst=5"})
class HoardingScenarioIT {

    static final String HOARDER = "hoarder";
    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final int STEPS = 60; // five simulated minutes
    private static final int RELEASES = 60;

    static final List<OfferMade> offers = Collections.synchronizedList(new ArrayList<>());
    static final List<SlotReleased> freedSlots = Collections.synchronizedList(new ArrayList<>());

    @TestConfiguration
    static class Fixtures {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.now());
        }

        @Bean
        Offers offersHeard() {
            return new Offers();
        }
    }

    static final class Offers {
        @EventListener
        void on(OfferMade made) {
            offers.add(made);
        }

        @TransactionalEventListener(fallbackExecution = true)
        void on(SlotReleased freed) {
            freedSlots.add(freed);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        PostgresDatabase.useFreshSchema(registry, "care_hoarding_it");
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
    Directory directory;
    @Autowired
    InsuredPeople people;
    @Autowired
    Fairness fairness;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    private static final ObjectMapper JSON = new ObjectMapper();
    private List<Patient> residents;
    private int nextResident;

    @BeforeAll
    void everySourceUp() throws InterruptedException {
        Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).isTrue();
        await(Duration.ofSeconds(30), () -> WaitlistProbe.ready(context), "the waitlist index is built");
        residents = Residents.of(Preset.TINY, 1, clock).stream().map(r -> r.patient()).toList();
    }

    /** A cancelled appointment whose slot an honest patient waits for. */
    record Release(SlotId slot, Instant start, PatientIdentity holder, AppointmentView appointment, PatientIdentity waiter, CareRequestId request) {
    }

    @Test
    @Order(1)
    void aHoardingPartnerCapturesAlmostNoReleasedSlotAndIsFlaggedWithinFiveMinutesWhileHonestTrafficIsUnaffected() {
        Instant from = clock.instant().plus(Duration.ofHours(30));
        Instant to = from.plus(Duration.ofHours(48));
        List<JsonNode> visible = publicSearch(Caller.anonymous(port), from, to);
        List<Release> releases = bookedAndAwaited(visible);
        assertThat(releases).as("appointments to cancel, each awaited by someone").hasSizeGreaterThanOrEqualTo(RELEASES / 2);

        // 120 residents' identities "borrowed" and 8 made up (valid check digit, unknown to the registry), named in turn:
        // enough that each stays under the per-patient velocity limit, so what stops the bot at a freed slot is the waitlist.
        List<HoardingPartner.Identity> identities = new ArrayList<>();
        Set<String> borrowed = new java.util.HashSet<>();
        for (int i = 0; i < 128; i++) {
            if (i % 16 == 15) {
                LocalDate birth = LocalDate.of(1950 + i / 4, 3, 14);
                HealthInsuranceNumber madeUp = HealthInsuranceNumber.issue("Fantome", "Client" + (char) ('A' + i / 16), birth,
                        i % 2 == 0 ? Sex.FEMALE : Sex.MALE, 7);
                identities.add(new HoardingPartner.Identity(madeUp.value(), birth, true));
            } else {
                PatientIdentity lent = resident();
                borrowed.add(lent.ref().toString());
                identities.add(new HoardingPartner.Identity(lent.nam().value(), lent.birthDate(), false));
            }
        }
        HoardingPartner bot = new HoardingPartner(port, HOARDER, "hoarder-secret", identities, 8);
        Caller honestPartner = Caller.partner(port);
        SplittableRandom random = new SplittableRandom(20261123);
        List<String> honestOutcomes = new ArrayList<>();
        List<UUID> honestPatients = new ArrayList<>();
        releases.forEach(r -> {
            honestPatients.add(r.holder().ref());
            honestPatients.add(r.waiter().ref());
        });

        Instant start = clock.instant();
        List<SlotId> released = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            clock.advance(STEP);
            if (step < releases.size()) {
                Release release = releases.get(step);
                CancelOutcome cancelled = bookings.cancel(release.appointment().id(), release.holder());
                assertThat(cancelled).as("%s", cancelled).isInstanceOf(CancelOutcome.Cancelled.class);
                released.add(release.slot());
            }
            if (step % 2 == 0) {
                PatientIdentity searcher = resident();
                honestPatients.add(searcher.ref());
                honestOutcomes.add(honestBooking(honestPartner, searcher, from, to, random));
            }
            bot.poll(from, to);
        }
        Instant end = clock.instant();
        await(Duration.ofSeconds(20), () -> WaitlistProbe.idle(context), "the waitlist matcher looked at every freed slot");

        long offered = releases.stream().filter(r -> offersOf(r.request(), r.slot()) > 0).count();
        Set<String> releasedIds = released.stream().map(r -> r.value().toString()).collect(Collectors.toSet());
        java.util.Map<String, Long> triedReleased = bot.tried().entrySet().stream().filter(e -> releasedIds.contains(e.getKey()))
                .collect(Collectors.groupingBy(java.util.Map.Entry::getValue, java.util.TreeMap::new, Collectors.counting()));
        long everHeldReleased = jdbc.sql("select distinct slot_id from booking_hold where actor_kind = 'PARTNER' and actor_id = :bot")
                .param("bot", HOARDER).query(UUID.class).list().stream().map(UUID::toString).filter(releasedIds::contains).count();
        java.util.Map<SlotReleased.Cause, Long> freedByCause = List.copyOf(freedSlots).stream()
                .filter(f -> !f.at().isBefore(start)).collect(Collectors.groupingBy(SlotReleased::cause, Collectors.counting()));
        List<String> capturedReleased = capturedByBot(released);
        List<StoredFlag> flags = fairness.flags(start.minus(Duration.ofHours(1)), end.plusSeconds(1), Optional.empty(), 1_000);
        Actor botActor = new Actor(Actor.Kind.PARTNER, HOARDER);
        List<Flag> botFlags = flags.stream().map(StoredFlag::flag).filter(f -> f.actor().equals(botActor)).toList();

        System.out.printf("""
                        == Hoarding scenario (tiny province, %d steps of %s, simulated %s to %s) ==
                        released slots (honest cancellations): %d; offered to a waiting honest request: %d (offers heard: %d)
                        captured by the bot among released slots: %d (%.2f %%): %s; released slots it tried to hold, by last answer: %s; held at any time: %d
                        every slot freed during the run, by cause: %s
                        bot: %s
                        bot holds or bookings at the end (any slot): %d
                        honest partner bookings: %s
                        thresholds: %s
                        flags raised (%d):
                        %s
                        %n""", STEPS, STEP, start, end, released.size(), offered, offers.size(), capturedReleased.size(),
                100.0 * capturedReleased.size() / released.size(), capturedReleased, triedReleased, everHeldReleased, freedByCause, bot.figures(), capturedByBot(null).size(),
                honestOutcomes, fairness.thresholds(), flags.size(), flags.stream().map(s -> "  " + s.flag().actor().key() + " " + s.flag().signal() + " observed "
                        + s.flag().observed() + " / threshold " + s.flag().threshold() + " at +" + Duration.between(start, s.flag().raisedAt()).toSeconds()
                        + " s").collect(Collectors.joining("\n")));

        assertThat(capturedReleased.size()).as("the bot captures at most 1 %% of %d released slots", released.size())
                .isLessThanOrEqualTo(released.size() / 100);
        assertThat(everHeldReleased).as("nor held one for a while").isLessThanOrEqualTo(released.size() / 100);
        assertThat(offered).as("every honest request whose slot was freed got an offer").isEqualTo(releases.size());
        assertThat(honestOutcomes).as("honest bookings").hasSize(STEPS / 2).allMatch(o -> o.startsWith("booked"));
        assertThat(botFlags).as("the bot is flagged").isNotEmpty();
        assertThat(botFlags).as("within five simulated minutes of the start")
                .anyMatch(f -> !f.raisedAt().isAfter(start.plus(Duration.ofMinutes(5))));
        assertThat(flags).as("no honest patient nor the honest partner is flagged").noneMatch(s -> {
            Actor actor = s.flag().actor();
            return actor.equals(new Actor(Actor.Kind.PARTNER, Caller.PARTNER))
                    || actor.kind() == Actor.Kind.PATIENT && honestPatients.contains(UUID.fromString(actor.id()));
        });
        assertThat(flags).as("every flag names the bot or an identity it borrowed (booked again and again in its name)")
                .allMatch(s -> s.flag().actor().equals(botActor)
                        || s.flag().actor().kind() == Actor.Kind.PATIENT && borrowed.contains(s.flag().actor().id()));

        // The ministry's audit view, as its analyst sees it.
        HttpResponse<String> audit = Caller.staff(port, "analyste").get("/api/v1/fairness/flags?days=1");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode shown = JSON.readTree(audit.body());
        List<String> botSignals = new ArrayList<>();
        for (JsonNode flag : shown) {
            if (flag.get("actorKind").asString().equals("PARTNER") && flag.get("actor").asString().equals(HOARDER)) {
                botSignals.add(flag.get("signal").asString() + " at " + flag.get("raisedAt").asString());
                assertThat(Instant.parse(flag.get("raisedAt").asString())).isBetween(start, end);
            }
        }
        System.out.println("audit view, flags of " + HOARDER + ": " + botSignals);
        assertThat(botSignals).hasSize(botFlags.size()).isNotEmpty();
        assertThat(Caller.partner(port).get("/api/v1/fairness/flags").statusCode()).as("not for partners").isEqualTo(403);
    }

    @Test
    @Order(2)
    void theDemoPortalsTightQuotaRefusesItsSixthHoldInTheHourWhateverIdentitiesItNames() {
        List<HoardingPartner.Identity> identities = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PatientIdentity lent = resident();
            identities.add(new HoardingPartner.Identity(lent.nam().value(), lent.birthDate(), false));
        }
        HoardingPartner portal = new HoardingPartner(port, "demo-portal", "demo-portal-secret", identities, 7);
        Instant from = clock.instant().plus(Duration.ofHours(80));

        portal.pace(Duration.ofMillis(600)); // under its 2 requests a second: what refuses it is the hourly quota
        portal.poll(from, from.plus(Duration.ofDays(1))); // a whole day: six hours from mid-afternoon is a night without slots

        System.out.println("tight quota: " + portal.figures());
        assertThat(portal.held()).isEqualTo(5);
        assertThat(portal.answers()).containsEntry("hold 429 partner-quota-exceeded", 2);
    }

    // ---- helpers ----

    /** The next resident, verified by the registry as any request would be. */
    private PatientIdentity resident() {
        Patient resident = residents.get(nextResident++);
        return people.verified(resident.nam().value(), resident.birthDate(), Optional.of(resident.sex()),
                LocalDate.ofInstant(clock.instant(), QUEBEC));
    }

    /**
     * Books up to {@value #RELEASES} API slots of the window for honest residents, each with another resident waiting
     * for exactly that slot (its minute, its service, its modality, around its clinic). Only slots alone at their minute
     * for their service are used, so a waiter matches no other slot.
     */
    private List<Release> bookedAndAwaited(List<JsonNode> visible) {
        List<Release> releases = new ArrayList<>();
        for (JsonNode slot : visible) {
            if (releases.size() == RELEASES) {
                break;
            }
            Instant start = Instant.parse(slot.get("start").asString());
            String service = slot.get("service").get("code").asString();
            boolean alone = visible.stream().filter(other -> other != slot && other.get("service").get("code").asString().equals(service))
                    .noneMatch(other -> Math.abs(Duration.between(start, Instant.parse(other.get("start").asString())).toSeconds()) < 120);
            boolean apart = releases.stream().noneMatch(r -> Math.abs(Duration.between(start, r.start()).toSeconds()) < 120);
            if (!alone || !apart) {
                continue;
            }
            SlotId id = new SlotId(UUID.fromString(slot.get("id").asString()));
            PatientIdentity holder = resident();
            if (!(bookings.hold(id, holder) instanceof HoldOutcome.Held held)) {
                continue;
            }
            if (!(bookings.confirm(held.hold().id(), holder) instanceof BookOutcome.Confirmed confirmed)) {
                continue;
            }
            Clinic clinic = directory.clinic(new ClinicId(UUID.fromString(slot.get("clinic").get("id").asString()))).orElseThrow();
            double distance = directory.postalArea(clinic.fsa()).orElseThrow().centroid().distanceKm(clinic.location());
            PatientIdentity waiter = resident();
            FileOutcome filed = waitlist.file(new Waitlist.Filing(waiter.id(), new ServiceTypeCode(service), clinic.fsa(),
                    (int) Math.ceil(distance) + 1, start, start.plusSeconds(60), Set.of(Modality.valueOf(slot.get("modality").get("code").asString()))));
            assertThat(filed).as("%s", filed).isInstanceOf(FileOutcome.Filed.class);
            releases.add(new Release(id, start, holder, confirmed.appointment(), waiter, ((FileOutcome.Filed) filed).request().request().id()));
        }
        return releases;
    }

    /** An honest partner books for a resident: searches, holds the first slot it can (a few tries), confirms. */
    private String honestBooking(Caller partner, PatientIdentity patient, Instant from, Instant to, SplittableRandom random) {
        List<JsonNode> hits = publicSearch(partner, from, to);
        String body = "{\"nam\":\"%s\",\"birthDate\":\"%s\"}".formatted(patient.nam().value(), patient.birthDate());
        List<String> refusals = new ArrayList<>();
        for (int tries = 0; tries < 5 && !hits.isEmpty(); tries++) {
            JsonNode slot = hits.get(random.nextInt(hits.size()));
            HttpResponse<String> held = partner.post("/api/v1/holds", "{\"slotId\":\"%s\",\"patient\":%s}".formatted(slot.get("id").asString(), body));
            if (held.statusCode() != 201) {
                refusals.add(held.statusCode() + "");
                continue;
            }
            HttpResponse<String> booked = partner.post("/api/v1/holds/" + JSON.readTree(held.body()).get("id").asString() + "/confirm",
                    "{\"patient\":" + body + "}");
            return (booked.statusCode() == 201 ? "booked" : "not booked " + booked.statusCode()) + (refusals.isEmpty() ? "" : " after " + refusals);
        }
        return "no slot held: " + refusals;
    }

    /** Every API slot of the window the public search shows (pages of 100). */
    private List<JsonNode> publicSearch(Caller caller, Instant from, Instant to) {
        List<JsonNode> slots = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            HttpResponse<String> answer = caller.get("/api/v1/slots?region=11&size=100&page=" + page + "&from="
                    + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            body.get("items").forEach(slot -> {
                if (slot.get("booking").get("channel").asString().equals("API")) {
                    slots.add(slot);
                }
            });
            if (!body.get("hasNext").asBoolean()) {
                break;
            }
        }
        return slots;
    }

    /** Offers of {@code slot} made to {@code request}, whatever became of them. */
    private long offersOf(CareRequestId request, SlotId slot) {
        return jdbc.sql("select count(*) from waitlist_offer where request_id = :r and slot_id = :s").param("r", request.value())
                .param("s", slot.value()).query(Long.class).single();
    }

    /** Slots (of {@code among}, or any when null) the bot holds or booked now, from the record: its holds name it. */
    private List<String> capturedByBot(List<SlotId> among) {
        List<String> slots = jdbc.sql("""
                        select distinct h.slot_id from booking_hold h
                        where h.actor_kind = 'PARTNER' and h.actor_id = :bot
                          and (h.live_patient_ref is not null
                               or exists (select 1 from booking_appointment a where a.hold_id = h.id and a.state in ('PENDING', 'CONFIRMED')))""")
                .param("bot", HOARDER).query(UUID.class).list().stream().map(UUID::toString).toList();
        if (among == null) {
            return slots;
        }
        Set<String> wanted = among.stream().map(s -> s.value().toString()).collect(Collectors.toSet());
        return slots.stream().filter(wanted::contains).toList();
    }
}
