package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRAllTypes;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationDefinition.OperationParameterUse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the facade supports: {@code GET /fhir/metadata} (the CapabilityStatement), the OperationDefinitions it
 * names by canonical URL (served at those URLs' last segment under {@code /fhir/OperationDefinition}), and
 * the service-type CodeSystem every Slot and Appointment codes its service with.
 */
@RestController
@RequestMapping("/fhir")
final class FhirMetadata {

    static final String OPERATIONS = FhirResources.BASE + "OperationDefinition/";
    private static final String PATIENT_NOTE = " The patient is a Patient resource parameter `patient` (identifier system "
            + OperationInput.NAM + " = the NAM, birthDate, name): never a URL part. Until issue #5 (signed-in identities) there is"
            + " no authentication.";

    private final ServiceTypes serviceTypes;
    private final FhirJson json;
    private final Clock clock;

    FhirMetadata(ServiceTypes serviceTypes, FhirJson json, Clock clock) {
        this.serviceTypes = serviceTypes;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/metadata")
    ResponseEntity<String> metadata() {
        return json.answer(200, capabilities(ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString(), clock));
    }

    @GetMapping("/CodeSystem/service-type")
    ResponseEntity<String> serviceTypes(Locale locale) {
        return json.answer(200, new FhirResources(serviceTypes, Languages.of(locale)).serviceTypeCodeSystem());
    }

    @GetMapping("/OperationDefinition/{name}")
    ResponseEntity<String> operation(@PathVariable String name) {
        OperationDefinition definition = operations().get(name);
        if (definition == null) {
            throw new ProblemException(Problem.NOT_FOUND, "/fhir/OperationDefinition/" + SlotSearch.shown(name));
        }
        return json.answer(200, definition);
    }

    static CapabilityStatement capabilities(String base, Clock clock) {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setUrl(FhirResources.BASE + "CapabilityStatement/care-orchestrator");
        statement.setName("CareOrchestratorFhirFacade");
        statement.setTitle("care-orchestrator FHIR R4 facade");
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setDate(Date.from(clock.instant()));
        statement.setPublisher("care-orchestrator");
        statement.setDescription("Free primary-care slots of every Quebec clinic, whatever platform publishes them, and booking on the"
                + " source system: Slot search, then Appointment $find, $hold, $book, read and $cancel (the Argonaut scheduling"
                + " operations' semantics, in R4). Errors are OperationOutcome from the problem catalogue (issue.details.coding"
                + " system " + OperationOutcomes.PROBLEMS + ").");
        statement.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        statement.getSoftware().setName("care-orchestrator");
        statement.getImplementation().setDescription("care-orchestrator FHIR facade").setUrl(base);
        statement.setFhirVersion(org.hl7.fhir.r4.model.Enumerations.FHIRVersion._4_0_1);
        statement.addFormat("application/fhir+json");
        statement.addFormat("json");

        CapabilityStatementRestComponent rest = statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.setDocumentation("No authentication yet (issue #5)." + PATIENT_NOTE);

        CapabilityStatementRestResourceComponent slot = rest.addResource().setType("Slot");
        slot.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        slot.setDocumentation("Free slots only, soonest first, one page at a time (`_count`, then the `next` link). Unknown parameters"
                + " are ignored. Slots booked outside the orchestrator carry SMART Scheduling Links' booking-deep-link or"
                + " booking-phone extension.");
        slot.addSearchParam().setName("status").setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Slot-status").setDocumentation("free (the default); others are refused");
        slot.addSearchParam().setName("start").setType(SearchParamType.DATE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Slot-start")
                .setDocumentation("ge/gt/le/lt/eq with a date (a Quebec day) or an instant; the window ends after now and lasts at most 90 days");
        slot.addSearchParam().setName("service-type").setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Slot-service-type")
                .setDocumentation("a code of " + SlotSearch.SERVICE_TYPE_SYSTEM);
        slot.addSearchParam().setName("near").setType(SearchParamType.SPECIAL)
                .setDocumentation("latitude|longitude|distance|km, distance 1 to 200 km (default 25)");
        slot.addSearchParam().setName("region").setType(SearchParamType.TOKEN).setDocumentation("health region (RSS) code, 01 to 18");
        slot.addSearchParam().setName("page").setType(SearchParamType.NUMBER).setDocumentation("zero-based page (the next link sets it)");

        CapabilityStatementRestResourceComponent appointment = rest.addResource().setType("Appointment");
        appointment.addInteraction().setCode(TypeRestfulInteraction.READ)
                .setDocumentation("The patient in the X-Patient-NAM and X-Patient-Birth-Date headers (a GET has no body; never in the URL)."
                        + " A hold's id reads as the pending Appointment $hold answered.");
        for (Map.Entry<String, OperationDefinition> operation : operations().entrySet()) {
            appointment.addOperation().setName(operation.getValue().getCode()).setDefinition(OPERATIONS + operation.getKey())
                    .setDocumentation(operation.getValue().getDescription());
        }
        rest.addResource().setType("CodeSystem").addInteraction().setCode(TypeRestfulInteraction.READ);
        rest.addResource().setType("OperationDefinition").addInteraction().setCode(TypeRestfulInteraction.READ);
        return statement;
    }

    /** The four operations, by the last segment of their canonical URL. */
    static Map<String, OperationDefinition> operations() {
        OperationDefinition find = operation("appointment-find", "find", false, "Proposed Appointments (status proposed, no id) for free"
                + " slots: the same criteria and checks as the Slot search." + PATIENT_NOTE.replace("`patient`", "`patient` (optional)"));
        in(find, "start", 0, FHIRAllTypes.STRING, "window start: a date (Quebec day) or an instant; default now");
        in(find, "end", 0, FHIRAllTypes.STRING, "window end (a date's whole day included); at most 90 days after the start");
        in(find, "service-type", 0, FHIRAllTypes.CODE, "a code of " + SlotSearch.SERVICE_TYPE_SYSTEM);
        in(find, "postal-code", 0, FHIRAllTypes.STRING, "postal code or its first three characters: nearest clinics first");
        in(find, "radius", 0, FHIRAllTypes.DECIMAL, "km around the postal code, 1 to 200 (default 25)");
        in(find, "region", 0, FHIRAllTypes.STRING, "health region (RSS) code");
        in(find, "count", 0, FHIRAllTypes.INTEGER, "how many, 1 to 100 (default 20)");
        in(find, "patient", 0, FHIRAllTypes.PATIENT, "the patient (optional)");
        out(find, "return", FHIRAllTypes.BUNDLE, "a collection of proposed Appointments (no ids: nothing is stored until $hold)");

        OperationDefinition hold = operation("appointment-hold", "hold", false, "Holds the slot the Appointment names (Appointment.slot)"
                + " for a few minutes, one live hold per patient: a pending Appointment whose id is the hold's, ending at the"
                + " hold-expires extension. Taken, held or withdrawn: 409 with alternatives as information issues." + PATIENT_NOTE);
        in(hold, "appointment", 1, FHIRAllTypes.APPOINTMENT, "a proposed Appointment (from $find) naming its slot; alias appt-resource");
        in(hold, "patient", 1, FHIRAllTypes.PATIENT, "the patient");
        out(hold, "return", FHIRAllTypes.APPOINTMENT, "the pending Appointment");

        OperationDefinition book = operation("appointment-book", "book", false, "Books the held Appointment on its source system:"
                + " booked (201), pending while the source has not answered (202), or an information OperationOutcome with the"
                + " deep link or phone when the slot is booked outside (200); 410 when the hold ran out." + PATIENT_NOTE);
        in(book, "appointment", 1, FHIRAllTypes.APPOINTMENT, "the pending Appointment $hold answered (its id); alias appt-resource, or appt-id");
        in(book, "patient", 1, FHIRAllTypes.PATIENT, "the patient who holds it");
        out(book, "return", FHIRAllTypes.RESOURCE, "the Appointment, or an OperationOutcome when handed over");

        OperationDefinition cancel = operation("appointment-cancel", "cancel", true, "Cancels a booked Appointment on its source system;"
                + " the slot is free again for everyone." + PATIENT_NOTE);
        in(cancel, "patient", 1, FHIRAllTypes.PATIENT, "the patient whose appointment it is");
        out(cancel, "return", FHIRAllTypes.APPOINTMENT, "the cancelled Appointment (202: the source has not answered yet)");
        Map<String, OperationDefinition> all = new LinkedHashMap<>();
        for (OperationDefinition definition : List.of(find, hold, book, cancel)) {
            all.put(definition.getIdElement().getIdPart(), definition);
        }
        return all;
    }

    private static OperationDefinition operation(String id, String code, boolean instance, String description) {
        OperationDefinition definition = new OperationDefinition();
        definition.setId(id);
        definition.setUrl(OPERATIONS + id);
        definition.setName("Appointment" + Character.toUpperCase(code.charAt(0)) + code.substring(1));
        definition.setStatus(PublicationStatus.ACTIVE);
        definition.setKind(OperationDefinition.OperationKind.OPERATION);
        definition.setCode(code);
        definition.setDescription(description);
        definition.setAffectsState(!code.equals("find"));
        definition.addResource("Appointment");
        definition.setSystem(false);
        definition.setType(!instance);
        definition.setInstance(instance);
        return definition;
    }

    private static void in(OperationDefinition definition, String name, int min, FHIRAllTypes type, String documentation) {
        definition.addParameter().setName(name).setUse(OperationParameterUse.IN).setMin(min).setMax("1").setType(type.toCode())
                .setDocumentation(documentation);
    }

    private static void out(OperationDefinition definition, String name, FHIRAllTypes type, String documentation) {
        definition.addParameter().setName(name).setUse(OperationParameterUse.OUT).setMin(1).setMax("1").setType(type.toCode())
                .setDocumentation(documentation);
    }
}
