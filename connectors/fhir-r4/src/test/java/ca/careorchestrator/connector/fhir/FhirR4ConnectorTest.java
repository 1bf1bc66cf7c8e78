package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.contract.MutableClock;
import static ca.careorchestrator.connector.fhir.FixtureServer.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingPatient;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Protocol;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.fhir.FhirSimulator;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Province;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the contract kit does not pin down: codes passed through, each system's quirks, the wire's corner cases. */
class FhirR4ConnectorTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");

    private final List<AutoCloseable> open = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(11);

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    /** One clinic of {@code system} on simulated time. */
    private FhirSimulator simulator(SourceSystem system, Clock clock) throws Exception {
        Province province = SimulatedFhirSource.region();
        ClinicId clinic = province.clinics().stream().filter(c -> c.systems().contains(system)).map(Clinic::id).findFirst().orElseThrow();
        FhirSimulator simulator = new FhirSimulator(SimulatedPlatform.of(province, system, clock, c -> c.id().equals(clinic)), 0);
        simulator.start();
        open.add(simulator);
        return simulator;
    }

    private FhirR4Connector connector(FhirSimulator simulator) {
        return connector(simulator.endpoint(), simulator.connectorSettings());
    }

    private FhirR4Connector connector(URI endpoint, Map<String, String> settings) {
        FhirR4Connector connector = new FhirR4Connector(new SourceConfig(SourceSystem.RVSQ, endpoint, settings, Duration.ofSeconds(5), Clock.systemUTC()));
        open.add(connector);
        return connector;
    }

    private static final class Collected implements RecordSink {
        final List<SourceRecord> records = new ArrayList<>();

        @Override
        public Outcome deliver(List<SourceRecord> batch) {
            records.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        }

        <T extends SourceRecord> List<T> of(Class<T> type) {
            return records.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Test
    void aFullReadPassesTheSourcesOwnCodesAndVersionsThrough() throws Exception {
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, new MutableClock(T0));
        Collected read = new Collected();

        Outcome outcome = connector(rvsq).pull(Checkpoint.NONE, read);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
        List<PlatformSlot> atSource = rvsq.platform().slots();
        assertThat(atSource.size()).as("more than one page of 100").isGreaterThan(100);
        Map<String, SourceRecord.SlotSeen> seen = read.of(SourceRecord.SlotSeen.class).stream()
                .collect(Collectors.toMap(SourceRecord.SlotSeen::externalId, s -> s));
        assertThat(seen).hasSameSizeAs(atSource);
        for (PlatformSlot slot : atSource) {
            SourceRecord.SlotSeen record = seen.get(slot.externalId());
            assertThat(record.version()).isEqualTo(slot.version());
            assertThat(List.of(record.siteRef(), record.professionalRef(), record.serviceCode(), record.professionCode(), record.modalityCode()))
                    .containsExactly(slot.siteRef(), slot.professionalRef(), slot.serviceCode(), slot.professionCode(), slot.modalityCode());
            assertThat(record.start()).isEqualTo(slot.start());
            assertThat(record.duration()).isEqualTo(slot.duration());
            assertThat(record.free()).isEqualTo(slot.free());
        }
        assertThat(read.of(SourceRecord.SiteSeen.class)).singleElement()
                .satisfies(site -> assertThat(site.siteRef()).isEqualTo(atSource.getFirst().siteRef()));
    }

    @Test
    void anIncrementalPullReadsOnlyWhatChangedSinceTheServersTimeAndReportsAWithdrawalAsGone() throws Exception {
        MutableClock clock = new MutableClock(T0);
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, clock);
        FhirR4Connector connector = connector(rvsq);
        clock.advance(Duration.ofMinutes(1));
        Outcome.Ok full = (Outcome.Ok) connector.pull(Checkpoint.NONE, new Collected());
        clock.advance(Duration.ofMinutes(1));
        PlatformSlot booked = rvsq.platform().bookAtDesk(random).orElseThrow();
        PlatformSlot withdrawn = rvsq.platform().withdrawAtDesk(random).orElseThrow();
        Collected changes = new Collected();

        Outcome outcome = connector.pull(full.next(), changes);

        assertThat(full.next()).as("the server's time, less the overlap").isEqualTo(new Checkpoint("2026-11-20T14:00:59Z"));
        assertThat(outcome).isEqualTo(new Outcome.Ok(2, new Checkpoint("2026-11-20T14:01:59Z"), Outcome.Coverage.CHANGES));
        assertThat(changes.of(SourceRecord.SlotSeen.class)).singleElement().satisfies(seen -> {
            assertThat(seen.externalId()).isEqualTo(booked.externalId());
            assertThat(seen.free()).isFalse();
            assertThat(seen.version()).isEqualTo(2);
        });
        assertThat(changes.of(SourceRecord.SlotGone.class)).singleElement()
                .satisfies(gone -> assertThat(gone.externalId()).isEqualTo(withdrawn.externalId()));
    }

    @Test
    void aRestartedConnectorReadsThePlacesBeforeTheChangedSlots() throws Exception {
        MutableClock clock = new MutableClock(T0);
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, clock);
        clock.advance(Duration.ofMinutes(1));
        Outcome.Ok full = (Outcome.Ok) connector(rvsq).pull(Checkpoint.NONE, new Collected());
        clock.advance(Duration.ofMinutes(1));
        PlatformSlot booked = rvsq.platform().bookAtDesk(random).orElseThrow();
        Collected changes = new Collected();

        connector(rvsq).pull(full.next(), changes);

        assertThat(changes.of(SourceRecord.SlotSeen.class)).singleElement()
                .satisfies(seen -> assertThat(seen.siteRef()).isEqualTo(booked.siteRef()));
        assertThat(changes.of(SourceRecord.Unreadable.class)).isEmpty();
    }

    @Test
    void tapSlotsAreNamedByTheirIdentifierVersionedByLastUpdatedAndTheirLocalTimesRead() throws Exception {
        MutableClock clock = new MutableClock(T0);
        FhirSimulator tap = simulator(SourceSystem.TAP_MEDICAL, clock);
        Collected read = new Collected();

        connector(tap).pull(Checkpoint.NONE, read);

        Map<String, PlatformSlot> atSource = tap.platform().slots().stream().collect(Collectors.toMap(PlatformSlot::externalId, s -> s));
        assertThat(read.of(SourceRecord.SlotSeen.class)).hasSize(atSource.size()).allSatisfy(seen -> {
            PlatformSlot slot = atSource.get(seen.externalId());
            assertThat(seen.externalId()).contains("_");
            assertThat(seen.version()).isEqualTo(T0.toEpochMilli());
            assertThat(seen.start()).isEqualTo(slot.start());
            assertThat(seen.siteRef()).isEqualTo(slot.siteRef()).startsWith("tap_clinic_");
            assertThat(seen.professionalRef()).isEqualTo(slot.professionalRef()).startsWith("tap_pr_");
        });
        assertThat(read.records.getLast().raw()).as("Tap writes local times with their offset").containsPattern("\"start\":\"[^\"]+-0[45]:00\"");
    }

    @Test
    void aBookingWhoseAnswerIsLostIsUnknownNotRetried() throws Exception {
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, Clock.systemUTC());
        FhirR4Connector connector = connector(rvsq);
        String slot = rvsq.platform().freeExternalIds().iterator().next();
        rvsq.platform().faults().add(FaultMode.CONNECTION_RESET);

        BookingAnswer answer = connector.book(new BookingCommand(slot, "key-lost", SourceHarness.A_PATIENT, null));

        assertThat(answer).isInstanceOf(BookingAnswer.Unknown.class);
        assertThat(rvsq.platform().freeExternalIds()).as("it did happen at the source").doesNotContain(slot);
        rvsq.platform().faults().clear();
        assertThat(connector.book(new BookingCommand(slot, "key-lost", SourceHarness.A_PATIENT, null)))
                .as("asking again with the same key reconciles").isInstanceOf(BookingAnswer.Booked.class);
    }

    @Test
    void aBookingIsAConditionalCreateWithTheKeyAndSendsTheNamOnlyWhenGiven() throws Exception {
        FixtureServer server = new FixtureServer().on("POST /fhir/Appointment",
                new FixtureServer.Answer(201, "", Map.of("Location", "http://x/fhir/Appointment/a-7/_history/1")));
        open.add(server);
        FhirR4Connector connector = connector(server.base(), Map.of());
        BookingPatient withNam = new BookingPatient("patient-2", "Roy", "Léa", LocalDate.of(1990, 1, 2), "ROYL90510299");

        BookingAnswer without = connector.book(new BookingCommand("rvsq-1-2-3", "key-a", SourceHarness.A_PATIENT, "SUIVI"));
        BookingAnswer with = connector.book(new BookingCommand("rvsq-1-2-3", "key-b", withNam, null));

        assertThat(without).isEqualTo(new BookingAnswer.Booked("a-7"));
        assertThat(with).isEqualTo(new BookingAnswer.Booked("a-7"));
        FixtureServer.Request first = server.received.getFirst();
        assertThat(first.header("If-None-Exist")).isEqualTo("identifier=" + FhirSettings.BOOKING_KEY_SYSTEM + "|key-a");
        Appointment sent = RecordTranslator.R4.newJsonParser().parseResource(Appointment.class, first.body());
        assertThat(sent.getStatus()).isEqualTo(Appointment.AppointmentStatus.PROPOSED);
        assertThat(sent.getSlotFirstRep().getReference()).isEqualTo("Slot/rvsq-1-2-3");
        assertThat(sent.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("SUIVI");
        assertThat(sent.getParticipantFirstRep().getActor().getReference()).isEqualTo("#patient");
        Patient patient = (Patient) sent.getContained().getFirst();
        assertThat(patient.getIdentifier()).extracting(i -> i.getValue()).containsExactly("patient-contract-1");
        assertThat(first.body()).doesNotContain(FhirSettings.NAM_SYSTEM);
        assertThat(server.received.get(1).body()).contains(FhirSettings.NAM_SYSTEM, "ROYL90510299");
    }

    @Test
    void aBrokenSlotIsQuarantinedWithItsIdAndWhyAndTheRestOfItsPageApplied() throws Exception {
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, Clock.systemUTC());
        rvsq.platform().faults().add(FaultMode.MALFORMED_RECORD);
        Collected read = new Collected();

        Outcome outcome = connector(rvsq).pull(Checkpoint.NONE, read);

        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        List<SourceRecord.Unreadable> broken = read.of(SourceRecord.Unreadable.class);
        int pages = (rvsq.platform().size() + 99) / 100;
        assertThat(broken).hasSize(pages).allSatisfy(unreadable -> {
            assertThat(unreadable.externalId()).startsWith("rvsq-");
            assertThat(unreadable.reason()).startsWith("Slot does not parse").contains("tomorrow-ish");
            assertThat(unreadable.raw()).startsWith("{\"resourceType\":\"Slot\"");
        });
        assertThat(read.of(SourceRecord.SlotSeen.class)).hasSize(rvsq.platform().size() - pages);
    }

    @Test
    void aSlotWithAnUnknownStatusOrAnUnknownScheduleIsUnreadable() throws Exception {
        String slot = FixtureServer.example("slot-example");
        FixtureServer server = new FixtureServer()
                .on("GET /fhir/Location", FixtureServer.Answer.ok(bundle("2026-11-20T14:00:00Z", null)))
                .on("GET /fhir/PractitionerRole", FixtureServer.Answer.ok(bundle(null, null)))
                .on("GET /fhir/Schedule", FixtureServer.Answer.ok(bundle(null, null, FixtureServer.example("schedule-example"))))
                .on("GET /fhir/Slot", FixtureServer.Answer.ok(bundle(null, null,
                        slot.replace("\"status\": \"free\"", "\"status\": \"maybe\""),
                        slot.replace("\"id\": \"example\"", "\"id\": \"orphan\"").replace("Schedule/example", "Schedule/gone"))));
        open.add(server);
        Collected read = new Collected();

        connector(server.base(), Map.of()).pull(Checkpoint.NONE, read);

        assertThat(read.of(SourceRecord.Unreadable.class)).extracting(SourceRecord.Unreadable::externalId, u -> u.reason().contains("maybe"),
                u -> u.reason().contains("Schedule/gone")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("example", true, false), org.assertj.core.groups.Tuple.tuple("orphan", false, true));
    }

    @Test
    void anUnknownBaseOrRefusedCredentialsArePermanentFailures() throws Exception {
        FixtureServer server = new FixtureServer().on("GET /fhir/Location", new FixtureServer.Answer(401, "", Map.of()));
        open.add(server);

        assertThat(connector(server.base(), Map.of()).pull(Checkpoint.NONE, new Collected())).isInstanceOf(Outcome.PermanentFailure.class);
        assertThat(connector(URI.create(server.base() + "/nowhere"), Map.of()).pull(Checkpoint.NONE, new Collected()))
                .isInstanceOfSatisfying(Outcome.PermanentFailure.class, failure -> assertThat(failure.reason()).contains("HTTP 404"));
    }

    @Test
    void aRateLimitGivenAsAnHttpDateIsHonoured() throws Exception {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        FixtureServer server = new FixtureServer().on("GET /fhir/Location", new FixtureServer.Answer(429, "", Map.of("Retry-After", inAMinute)));
        open.add(server);

        Outcome outcome = connector(server.base(), Map.of()).pull(Checkpoint.NONE, new Collected());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryAfter.class,
                retry -> assertThat(retry.delay()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61)));
    }

    @Test
    void aSourceNobodyListensOnAsksForARetryAndABookingThereIsRetriedNotUnknown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FhirR4Connector connector = connector(URI.create("http://127.0.0.1:" + port + "/fhir"), Map.of());

        assertThat(connector.pull(Checkpoint.NONE, new Collected())).isInstanceOf(Outcome.RetryAfter.class);
        assertThat(connector.book(new BookingCommand("s", "k", SourceHarness.A_PATIENT, null))).isInstanceOf(BookingAnswer.RetryAfter.class);
    }

    @Test
    void aPageThatIsNotABundleIsRejectedWithItsBody() throws Exception {
        FixtureServer server = new FixtureServer().on("GET /fhir/Location", FixtureServer.Answer.ok("<html>maintenance</html>"));
        open.add(server);

        Outcome outcome = connector(server.base(), Map.of()).pull(Checkpoint.NONE, new Collected());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> assertThat(rejected.rawPayload()).contains("maintenance"));
    }

    @Test
    void aNextLinkLeavingTheServerIsNotFollowed() throws Exception {
        FixtureServer server = new FixtureServer().on("GET /fhir/Location",
                FixtureServer.Answer.ok(bundle("2026-11-20T14:00:00Z", "http://elsewhere.example/fhir/Location?page=2")));
        open.add(server);

        Outcome outcome = connector(server.base(), Map.of()).pull(Checkpoint.NONE, new Collected());

        assertThat(outcome).isInstanceOf(Outcome.PermanentFailure.class);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void aBusySinkStopsThePullAndItsAnswerIsReturned() throws Exception {
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, Clock.systemUTC());
        Outcome.RetryAfter busy = new Outcome.RetryAfter(Duration.ofSeconds(3), "store busy");
        List<Integer> batches = new ArrayList<>();

        Outcome outcome = connector(rvsq.endpoint(), Map.of("fhir.batch-size", "50")).pull(Checkpoint.NONE, batch -> {
            batches.add(batch.size());
            return batches.size() == 2 ? busy : Outcome.Ok.delivered(batch.size());
        });

        assertThat(outcome).isEqualTo(busy);
        assertThat(batches).containsExactly(50, 50);
    }

    @Test
    void aCheckpointThisConnectorDidNotWriteIsAPermanentFailure() throws Exception {
        FhirSimulator rvsq = simulator(SourceSystem.RVSQ, Clock.systemUTC());

        assertThat(connector(rvsq).pull(new Checkpoint("page-7"), new Collected())).isInstanceOf(Outcome.PermanentFailure.class);
    }

    @Test
    void withoutBundleTimeTheCheckpointComesFromTheServersDateHeader() throws Exception {
        FixtureServer server = new FixtureServer();
        for (String type : List.of("Location", "PractitionerRole", "Schedule", "Slot")) {
            server.on("GET /fhir/" + type, FixtureServer.Answer.ok(bundle(null, null)));
        }
        open.add(server);

        Outcome outcome = connector(server.base(), Map.of()).pull(Checkpoint.NONE, new Collected());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(Instant.parse(ok.next().value()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now()));
    }

    /** Splitting and translating a page of 1,000 Slots: measured and printed, never asserted (STYLE.md). */
    @Test
    void readsAPageOfAThousandSlots() throws Exception {
        String example = FixtureServer.example("slot-example");
        String[] slots = new String[1000];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = example.replace("\"id\": \"example\"", "\"id\": \"s-" + i + "\"");
        }
        String page = bundle("2026-11-20T14:00:00Z", null, slots);
        FhirSettings settings = FhirSettings.of(new SourceConfig(SourceSystem.RVSQ, URI.create("http://127.0.0.1/fhir"), Map.of(),
                Duration.ofSeconds(1), Clock.systemUTC()));
        SourceDirectory directory = new SourceDirectory(true);
        directory.schedule("example", new SourceDirectory.ScheduleFacts(null, null, "1", "57"));
        RecordTranslator translator = new RecordTranslator(settings, directory);
        long best = Long.MAX_VALUE;
        List<SourceRecord> records = List.of();
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            records = SearchPage.parse(page, null).entries().stream().map(translator::slot).toList();
            best = Math.min(best, System.nanoTime() - start);
        }

        System.out.printf("FHIR connector, 1,000 Slots split and translated (best of 20): %.1f ms, %,d bytes; %d cores, JDK %s%n",
                best / 1e6, page.length(), Runtime.getRuntime().availableProcessors(), Runtime.version());
        assertThat(records).hasSize(1000).allSatisfy(r -> assertThat(r).isInstanceOf(SourceRecord.SlotSeen.class));
    }

    @Test
    void theFactoryIsFoundByServiceLoaderForFhirR4() {
        Set<Protocol> protocols = ServiceLoader.load(ConnectorFactory.class).stream().map(p -> p.get().protocol()).collect(Collectors.toSet());

        assertThat(protocols).contains(Protocol.FHIR_R4);
    }
}
