package ca.careorchestrator.simulator.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FhirSimulatorTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static Province region;
    private static Province province;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<FhirSimulator> running = new ArrayList<>();
    private final IParser strict = FhirResources.R4.newJsonParser().setParserErrorHandler(new StrictErrorHandler());

    @AfterEach
    void stop() {
        running.forEach(FhirSimulator::close);
        http.close();
    }

    private static synchronized Province provinceFor(SourceSystem system) {
        if (system == SourceSystem.DIALOGUE) {
            if (province == null) {
                province = ProvinceGenerator.generate(new ProvinceSpec(Preset.PROVINCE, ProvinceSpec.DEFAULT_SEED, MONDAY, 1));
            }
            return province;
        }
        if (region == null) {
            region = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, MONDAY, 1));
        }
        return region;
    }

    private FhirSimulator start(SourceSystem system, Clock clock) throws IOException {
        Province source = provinceFor(system);
        ClinicId clinic = source.clinics().stream().filter(c -> c.systems().contains(system)).map(Clinic::id).findFirst().orElseThrow();
        FhirSimulator simulator = new FhirSimulator(SimulatedPlatform.of(source, system, clock, c -> c.id().equals(clinic)), 0);
        simulator.start();
        running.add(simulator);
        return simulator;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(FhirSimulator simulator, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/Appointment"))
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "identifier=" + FhirSimulator.DEFAULT_KEY_SYSTEM + "|" + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String appointmentFor(String slotFhirId) {
        return "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"slot\":[{\"reference\":\"Slot/" + slotFhirId
                + "\"}],\"participant\":[{\"actor\":{\"display\":\"synthetic patient\"},\"status\":\"accepted\"}]}";
    }

    private List<Slot> slots(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> (Slot) e.getResource()).toList();
    }

    @Test
    void rvsqAnswersPagesOfAtMostAHundredValidSlotsLinkedByNext() throws Exception {
        FhirSimulator rvsq = start(SourceSystem.RVSQ, Clock.systemUTC());

        HttpResponse<String> response = get(rvsq.endpoint() + "/Slot?_count=1000");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        Bundle page = strict.parseResource(Bundle.class, response.body());
        assertThat(page.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(page.getEntry()).hasSize(100);
        assertThat(slots(page)).allSatisfy(slot -> {
            assertThat(slot.getMeta().getVersionId()).isEqualTo("1");
            assertThat(slot.getStartElement().getValueAsString()).endsWith("Z");
        });
        List<String> ids = new ArrayList<>();
        for (String next = rvsq.endpoint() + "/Slot?_count=1000"; next != null; ) {
            Bundle bundle = strict.parseResource(Bundle.class, get(next).body());
            slots(bundle).forEach(s -> ids.add(s.getIdElement().getIdPart()));
            next = bundle.getLink("next") == null ? null : bundle.getLink("next").getUrl();
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(rvsq.platform().size());
    }

    @Test
    void tapShowsValidIdsWithItsOwnIdsAsIdentifiersLocalTimesAndNoVersionId() throws Exception {
        FhirSimulator tap = start(SourceSystem.TAP_MEDICAL, Clock.systemUTC());

        Bundle page = strict.parseResource(Bundle.class, get(tap.endpoint() + "/Slot").body());

        assertThat(page.getEntry()).hasSize(50);
        assertThat(slots(page)).allSatisfy(slot -> {
            assertThat(slot.getIdElement().getIdPart()).matches(FHIR_ID);
            assertThat(slot.getIdentifierFirstRep().getValue()).contains("_").isEqualTo(slot.getIdElement().getIdPart().replace('-', '_'));
            assertThat(slot.getMeta().hasVersionId()).isFalse();
            assertThat(slot.getMeta().hasLastUpdated()).isTrue();
            assertThat(slot.getStartElement().getValueAsString()).matches(".*-0[45]:00");
        });
        assertThat(tap.connectorSettings()).containsEntry("fhir.identifier-system", "https://api.tapmedical.example/fhir/sid/id");
    }

    @Test
    void dialogueHasVirtualLocationsOpaqueVersionIdsAndOnlyPhoneOrVideoSlots() throws Exception {
        FhirSimulator dialogue = start(SourceSystem.DIALOGUE, Clock.systemUTC());

        Location location = (Location) strict.parseResource(Bundle.class, get(dialogue.endpoint() + "/Location").body()).getEntryFirstRep().getResource();
        Bundle page = strict.parseResource(Bundle.class, get(dialogue.endpoint() + "/Slot").body());

        assertThat(location.getPhysicalType().getCodingFirstRep().getCode()).isEqualTo("vi");
        assertThat(location.hasAddress()).isFalse();
        assertThat(page.getEntry()).hasSize(200);
        assertThat(slots(page)).allSatisfy(slot -> {
            assertThat(slot.getMeta().getVersionId()).matches("v1-[0-9a-f]{8}");
            assertThat(slot.getAppointmentType().getCodingFirstRep().getCode()).isIn("PHONE", "VIDEO");
        });
    }

    @Test
    void anIncrementalSearchListsWhatChangedOnceOldestFirstAndAWithdrawnSlotAsEnteredInError() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T14:00:00Z"));
        FhirSimulator rvsq = start(SourceSystem.RVSQ, clock);
        SplittableRandom random = new SplittableRandom(3);
        clock.advance(60);
        PlatformSlot booked = rvsq.platform().bookAtDesk(random).orElseThrow();
        clock.advance(60);
        PlatformSlot withdrawn = rvsq.platform().withdrawAtDesk(random).orElseThrow();
        String bookedThenCancelled = rvsq.platform().freeExternalIds().iterator().next();
        var appointment = (SimulatedPlatform.BookResult.Booked) rvsq.platform().book(bookedThenCancelled, "k");
        rvsq.platform().cancel(appointment.appointmentRef());

        Bundle changes = strict.parseResource(Bundle.class, get(rvsq.endpoint() + "/Slot?_lastUpdated=gt2026-11-20T14:00:30Z").body());

        assertThat(slots(changes)).extracting(s -> s.getIdElement().getIdPart(), Slot::getStatus, s -> s.getMeta().getVersionId()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(booked.externalId(), Slot.SlotStatus.BUSY, "2"),
                org.assertj.core.groups.Tuple.tuple(withdrawn.externalId(), Slot.SlotStatus.ENTEREDINERROR, "2"),
                org.assertj.core.groups.Tuple.tuple(bookedThenCancelled, Slot.SlotStatus.FREE, "3"));
        assertThat(changes.getMeta().getLastUpdated().toInstant()).isEqualTo(clock.instant());
        assertThat(get(rvsq.endpoint() + "/Location?_lastUpdated=gt2026-11-20T14:00:30Z").body()).contains("\"entry\":[]");
    }

    @Test
    void aConditionalCreateWithTheSameKeyAnswersTheSameAppointmentAndATakenSlotIsAConflict() throws Exception {
        FhirSimulator rvsq = start(SourceSystem.RVSQ, Clock.systemUTC());
        String slot = rvsq.platform().freeExternalIds().iterator().next();

        HttpResponse<String> created = post(rvsq, appointmentFor(slot), "k1");
        HttpResponse<String> again = post(rvsq, appointmentFor(slot), "k1");
        HttpResponse<String> other = post(rvsq, appointmentFor(slot), "k2");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/Appointment/rvsq-appt-1/"));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(created.body());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(strict.parseResource(OperationOutcome.class, other.body()).getIssueFirstRep().getDiagnostics()).startsWith("slot taken");
        assertThat(rvsq.platform().freeExternalIds()).doesNotContain(slot);
    }

    @Test
    void patchingTheStatusToCancelledFreesTheSlot() throws Exception {
        FhirSimulator rvsq = start(SourceSystem.RVSQ, Clock.systemUTC());
        String slot = rvsq.platform().freeExternalIds().iterator().next();
        post(rvsq, appointmentFor(slot), "k1");

        HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(rvsq.endpoint() + "/Appointment/rvsq-appt-1"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"");
        assertThat(rvsq.platform().freeExternalIds()).contains(slot);
    }

    @Test
    void faultsShowOnTheWire() throws Exception {
        FhirSimulator rvsq = start(SourceSystem.RVSQ, Clock.systemUTC());
        String slots = rvsq.endpoint() + "/Slot?_count=10";

        rvsq.platform().faults().add(FaultMode.RATE_LIMITED);
        HttpResponse<String> limited = get(slots);
        rvsq.platform().faults().clear();
        rvsq.platform().faults().add(FaultMode.SERVER_ERROR);
        int serverError = get(slots).statusCode();
        rvsq.platform().faults().clear();
        rvsq.platform().faults().add(FaultMode.DUPLICATES);
        Bundle duplicated = strict.parseResource(Bundle.class, get(slots).body());
        rvsq.platform().faults().clear();
        rvsq.platform().faults().add(FaultMode.MALFORMED_RECORD);
        String malformed = get(slots).body();
        rvsq.platform().faults().clear();
        rvsq.platform().faults().add(FaultMode.CONNECTION_RESET);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(serverError).isEqualTo(503);
        assertThat(duplicated.getEntry()).hasSize(20);
        assertThat(duplicated.getEntry().get(0).getResource().getIdPart()).isEqualTo(duplicated.getEntry().get(1).getResource().getIdPart());
        assertThat(malformed).containsOnlyOnce("\"start\":\"tomorrow-ish\"");
        assertThatThrownBy(() -> get(slots)).isInstanceOf(IOException.class);
    }

    @Test
    void outOfOrderListsEveryChangedVersionNewestFirst() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T14:00:00Z"));
        FhirSimulator rvsq = start(SourceSystem.RVSQ, clock);
        SplittableRandom random = new SplittableRandom(5);
        clock.advance(60);
        PlatformSlot booked = rvsq.platform().bookAtDesk(random).orElseThrow();
        clock.advance(60);
        rvsq.platform().book(booked.externalId(), "x");
        SimulatedPlatform.BookResult.Booked other = (SimulatedPlatform.BookResult.Booked) rvsq.platform()
                .book(rvsq.platform().freeExternalIds().iterator().next(), "y");
        rvsq.platform().cancel(other.appointmentRef());
        rvsq.platform().faults().add(FaultMode.OUT_OF_ORDER);

        Bundle changes = strict.parseResource(Bundle.class, get(rvsq.endpoint() + "/Slot?_lastUpdated=gt2026-11-20T14:00:30Z").body());

        assertThat(slots(changes)).extracting(s -> s.getMeta().getVersionId()).containsExactly("3", "2", "2");
    }

    @Test
    void unknownPathsAreNotFoundAndMetadataIsACapabilityStatement() throws Exception {
        FhirSimulator rvsq = start(SourceSystem.RVSQ, Clock.systemUTC());

        assertThat(get(rvsq.endpoint() + "/Patient").statusCode()).isEqualTo(404);
        assertThat(get(rvsq.endpoint() + "/Slot/nope").statusCode()).isEqualTo(404);
        assertThat(strict.parseResource(get(rvsq.endpoint() + "/metadata").body()).fhirType()).isEqualTo("CapabilityStatement");
    }

    /**
     * A page of 1,000 Slots written directly, against HAPI's encoder on the same Slots: measured and
     * printed, never asserted (STYLE.md). The direct JSON must parse with HAPI's strict parser.
     */
    @Test
    void rendersAPageOfAThousandSlotsThatHapiParsesStrictly() {
        SimulatedPlatform rvsq = SimulatedPlatform.of(provinceFor(SourceSystem.RVSQ), SourceSystem.RVSQ, Clock.systemUTC());
        List<PlatformSlot> thousand = rvsq.slots().subList(0, 1000);
        FhirResources resources = new FhirResources(FhirFlavour.of(SourceSystem.RVSQ));
        List<Slot> models = thousand.stream().map(s -> strict.parseResource(Slot.class, resources.slot(s))).toList();
        IParser encoder = FhirResources.R4.newJsonParser();
        long direct = Long.MAX_VALUE;
        long hapi = Long.MAX_VALUE;
        long bytes = 0;
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            bytes = 0;
            for (PlatformSlot slot : thousand) {
                bytes += resources.slot(slot).length();
            }
            direct = Math.min(direct, System.nanoTime() - start);
            start = System.nanoTime();
            for (Slot model : models) {
                encoder.encodeResourceToString(model);
            }
            hapi = Math.min(hapi, System.nanoTime() - start);
        }

        System.out.printf("FHIR simulator, 1,000 Slots (best of 20): direct %.1f ms, HAPI encoder %.1f ms, %,d bytes; %d cores, JDK %s%n",
                direct / 1e6, hapi / 1e6, bytes, Runtime.getRuntime().availableProcessors(), Runtime.version());
        assertThat(models).hasSize(1000);
        assertThat(encoder.encodeResourceToString(models.getFirst())).isEqualTo(resources.slot(thousand.getFirst()));
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
