package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingPatient;
import java.util.Date;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** The Appointment a booking sends, and the JSON Patch a cancellation sends. */
final class AppointmentRequests {

    static final String CANCEL_PATCH = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]";

    private final FhirSettings settings;

    AppointmentRequests(FhirSettings settings) {
        this.settings = settings;
    }

    /**
     * Appointment.status "proposed" (the server decides; "booked" would oblige us to send start and end),
     * Appointment.identifier = our idempotency key, Appointment.slot = the slot (a logical reference by
     * identifier when the source's ids travel as identifiers), the patient as a contained Patient: our
     * pseudonymous reference, names and birth date; the NAM only when the command carries one.
     */
    String create(BookingCommand command) {
        Appointment appointment = new Appointment();
        appointment.addIdentifier().setSystem(settings.bookingKeySystem()).setValue(command.idempotencyKey());
        appointment.setStatus(Appointment.AppointmentStatus.PROPOSED);
        appointment.addSlot(slotReference(command.externalId()));
        if (command.serviceCode() != null) {
            appointment.addServiceType().addCoding().setSystem(settings.serviceSystem()).setCode(command.serviceCode());
        }
        Patient patient = patient(command.patient());
        appointment.addContained(patient);
        appointment.addParticipant().setActor(new Reference("#" + patient.getIdElement().getIdPart()))
                .setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return RecordTranslator.R4.newJsonParser().encodeResourceToString(appointment);
    }

    /** FHIR conditional create: the server makes nothing if an Appointment with this identifier exists. */
    String ifNoneExist(String idempotencyKey) {
        return "identifier=" + settings.bookingKeySystem() + "|" + idempotencyKey;
    }

    private Reference slotReference(String externalId) {
        if (settings.identifierSystem() != null) {
            return new Reference().setIdentifier(new Identifier().setSystem(settings.identifierSystem()).setValue(externalId));
        }
        return new Reference("Slot/" + externalId);
    }

    private Patient patient(BookingPatient who) {
        Patient patient = new Patient();
        patient.setId("patient");
        patient.addIdentifier().setSystem(settings.patientSystem()).setValue(who.reference());
        if (who.healthInsuranceNumber() != null && !who.healthInsuranceNumber().isBlank()) {
            patient.addIdentifier().setSystem(settings.namSystem()).setValue(who.healthInsuranceNumber());
        }
        patient.addName().setFamily(who.familyName()).addGiven(who.givenName());
        patient.setBirthDate(Date.from(who.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        return patient;
    }
}
