package ca.careorchestrator.connector.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bonjour Santé's publication, as the simulator serves it, checked offline against the SMART Scheduling
 * Links IG package (smart.scheduling.links 0.1.0, inferno-framework test kit, Apache-2.0) with HAPI's
 * validator, in-memory terminology included: the raw JSON is validated, as served.
 */
class BonjourSanteProfileTest {

    private static final String PROFILES = "http://fhir-registry.smarthealthit.org/StructureDefinition/";
    private static FhirValidator validator;
    private static BonjourSanteHarness harness;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        FhirContext fhir = FhirContext.forR4();
        NpmPackageValidationSupport smart = new NpmPackageValidationSupport(fhir);
        smart.loadPackageFromClasspath("classpath:ca/careorchestrator/connector/smart/ig/smart_scheduling_links_ig.tgz");
        ValidationSupportChain chain = new ValidationSupportChain(smart, new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        harness = new BonjourSanteHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
        HTTP.close();
    }

    private static List<String> lines(String file) throws Exception {
        URI url = harness.simulator.endpoint().resolve("/bulk/" + file);
        return HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body().lines().toList();
    }

    private static List<SingleValidationMessage> errors(String json, String profile) {
        // Information and warnings are left out: unknown Bonjour Santé extensions, identifiers outside the vTrckS slice, dom-6 narrative.
        return validator.validateWithResult(json, new ValidationOptions().addProfile(PROFILES + profile)).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    @Test
    void freeAndBusySlotsConformToTheVaccineSlotProfile() throws Exception {
        List<String> slots = lines("Slot.ndjson");
        String free = slots.stream().filter(l -> l.contains("\"status\":\"free\"")).findFirst().orElseThrow();
        String busy = slots.stream().filter(l -> l.contains("\"status\":\"busy\"")).findFirst().orElseThrow();

        assertThat(errors(free, "vaccine-slot")).isEmpty();
        assertThat(errors(busy, "vaccine-slot")).isEmpty();
    }

    @Test
    void locationsConformToTheVaccineLocationProfile() throws Exception {
        for (String location : lines("Location.ndjson")) {
            assertThat(errors(location, "vaccine-location")).as(location).isEmpty();
        }
    }

    @Test
    void schedulesMissOnlyTheCovidServiceTheVaccineProfileRequires() throws Exception {
        // vaccine-schedule requires a COVID-19 immunization coding in Schedule.serviceType (slice c19Service);
        // a primary-care schedule has none to give, and everything else about it conforms.
        String schedule = lines("Schedule.ndjson").getFirst();

        assertThat(errors(schedule, "vaccine-schedule")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getMessage()).contains("c19Service"));
    }

    @Test
    void aWithdrawnSlotIsOutsideTheProfilesStatusValueSet() throws Exception {
        // Terminology checks are on: a status the base Slot allows but vaccine-slot-status (free | busy) does not is caught.
        Instant before = harness.clock.instant();
        harness.clock.advance(Duration.ofMinutes(1));
        harness.platform.withdrawAtDesk(new SplittableRandom(3)).orElseThrow();
        String withdrawn = lines("Slot.ndjson?_since=" + before).getFirst();

        assertThat(withdrawn).contains("\"status\":\"entered-in-error\"");
        assertThat(errors(withdrawn, "vaccine-slot")).singleElement()
                .satisfies(m -> assertThat(m.getLocationString()).isEqualTo("Slot.status"));
    }

    @Test
    void theRecordedRiteAidSlotConformsToo() {
        String slot = RecordedPublisher.read(RecordedPublisher.riteAidNewJersey().resolve("slots-NJ.ndjson")).lines().findFirst().orElseThrow();

        assertThat(errors(slot, "vaccine-slot")).isEmpty();
    }
}
