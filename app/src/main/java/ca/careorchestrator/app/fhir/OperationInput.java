package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.api.SearchCriteria;
import ca.careorchestrator.core.availability.SlotId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;

/**
 * The {@code Parameters} of an Appointment operation, read into our model or refused with the catalogue's
 * problem. The patient is a {@code Patient} resource parameter (NAM as an identifier of system {@value #NAM},
 * birth date, name), never a URL part, until the identity issue (#5) brings signed-in identities. Argonaut's
 * parameter names ({@code appt-resource}, {@code appt-id}) are accepted beside ours.
 */
final class OperationInput {

    static final String NAM = "https://www.ramq.gouv.qc.ca/nam";

    private final Parameters parameters;

    OperationInput(Parameters parameters) {
        this.parameters = parameters;
    }

    /**
     * The patient named by the {@code patient} parameter, checked (NAM format, check digit, the birth date it encodes)
     * and found in the registry of insured people (else {@code patient-not-verified}). The registry's names count.
     */
    PatientIdentity patient(InsuredPeople people, Instant now) {
        Patient patient = resource("patient", Patient.class).orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "patient"));
        String nam = patient.getIdentifier().stream().filter(id -> NAM.equals(id.getSystem())).map(Identifier::getValue)
                .filter(value -> value != null && !value.isBlank()).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "patient.identifier (" + NAM + ")"));
        if (patient.getBirthDate() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "patient.birthDate");
        }
        String date = patient.getBirthDateElement().getValueAsString();
        if (date.length() != 10) { // a year or a month is not enough to check a NAM
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "patient.birthDate");
        }
        LocalDate birthDate = LocalDate.parse(date);
        return people.verified(nam, birthDate, Optional.empty(), LocalDate.ofInstant(now, SearchCriteria.QUEBEC));
    }

    boolean hasPatient() {
        return parameter("patient").isPresent();
    }

    /** The slot the {@code appointment} (or {@code appt-resource}) names in {@code Appointment.slot}. */
    SlotId slot() {
        Appointment appointment = appointment().orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "appointment"));
        if (!appointment.hasSlot() || !appointment.getSlotFirstRep().hasReference()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "appointment.slot");
        }
        String reference = appointment.getSlotFirstRep().getReferenceElement().getIdPart();
        return new SlotId(uuid(reference == null ? appointment.getSlotFirstRep().getReference() : reference));
    }

    /** The held Appointment's id: the {@code appointment}'s id, or {@code appt-id}. */
    UUID heldAppointmentId() {
        Optional<String> id = appointment().filter(Appointment::hasIdElement).map(a -> a.getIdElement().getIdPart())
                .or(() -> string("appt-id"));
        return uuid(id.orElseThrow(() -> new ProblemException(Problem.MISSING_PARAMETER, "appointment.id")));
    }

    private Optional<Appointment> appointment() {
        return resource("appointment", Appointment.class).or(() -> resource("appt-resource", Appointment.class));
    }

    /** A primitive parameter as text (a date, a string, a code; a Coding's code). */
    Optional<String> string(String name) {
        return parameter(name).map(ParametersParameterComponent::getValue).map(OperationInput::text).filter(s -> !s.isBlank());
    }

    private static String text(Type value) {
        if (value instanceof Coding coding) {
            return (coding.hasSystem() ? coding.getSystem() : "") + "|" + coding.getCode();
        }
        if (value instanceof org.hl7.fhir.r4.model.CodeableConcept concept && concept.hasCoding()) {
            return text(concept.getCodingFirstRep());
        }
        return value instanceof PrimitiveType<?> primitive ? primitive.getValueAsString() : "";
    }

    private Optional<ParametersParameterComponent> parameter(String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    private <T> Optional<T> resource(String name, Class<T> type) {
        Optional<ParametersParameterComponent> found = parameter(name);
        if (found.isPresent() && found.get().hasResource() && !type.isInstance(found.get().getResource())) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, name);
        }
        return found.filter(ParametersParameterComponent::hasResource).map(p -> type.cast(p.getResource()));
    }

    static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, SlotSearch.shown(raw));
        }
    }
}
