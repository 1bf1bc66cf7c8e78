package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.HoldView;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceType;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.DateTimeType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Our model as R4 resources. Times are instants shown in Quebec's zone (UTC inside, America/Montreal at the
 * edges). No resource names the patient: the facade never echoes a NAM, a name or a birth date, so an
 * Appointment's participants are its place and its professional only.
 */
final class FhirResources {

    static final String BASE = "https://care-orchestrator.example/fhir/";
    static final String CHANNEL = BASE + "StructureDefinition/booking-channel";
    static final String MODALITY = BASE + "StructureDefinition/modality";
    static final String HOLD_EXPIRES = BASE + "StructureDefinition/hold-expires";
    static final String SOURCE_SYSTEM = BASE + "NamingSystem/source-appointment-";
    /** SMART Scheduling Links: where and how a slot is booked outside this orchestrator. */
    static final String SMART_DEEP_LINK = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";
    static final String SMART_PHONE = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone";
    private static final TimeZone QUEBEC = TimeZone.getTimeZone("America/Montreal");

    private final ServiceTypes serviceTypes;
    private final Language language;

    FhirResources(ServiceTypes serviceTypes, Language language) {
        this.serviceTypes = serviceTypes;
        this.language = language;
    }

    /** A free slot found by a search; the deep link or phone when the caller looked them up (not bookable here). */
    Slot slot(Visit visit, Optional<String> deepLink, Optional<String> phone) {
        Slot slot = new Slot();
        slot.setId(visit.slot().toString());
        slot.setStatus(Slot.SlotStatus.FREE);
        // No Schedule resource is served: the reference names the professional's schedule, the display its clinic.
        slot.setSchedule(new Reference("Schedule/" + visit.professional()).setDisplay(visit.clinicName()));
        slot.addServiceType(serviceType(visit.service()));
        slot.setStartElement(instant(visit.start()));
        slot.setEndElement(instant(visit.end()));
        slot.addExtension(CHANNEL, new CodeType(code(visit.channel())));
        slot.addExtension(MODALITY, new CodeType(code(visit.modality())));
        deepLink.ifPresent(link -> slot.addExtension(SMART_DEEP_LINK, new UrlType(link)));
        phone.ifPresent(number -> slot.addExtension(SMART_PHONE, new StringType(number)));
        return slot;
    }

    /** A slot the patient may take ($find): no id, it exists only once held. */
    Appointment proposed(Visit visit) {
        Appointment appointment = appointment(visit, AppointmentStatus.PROPOSED, ParticipationStatus.NEEDSACTION);
        appointment.addExtension(CHANNEL, new CodeType(code(visit.channel())));
        return appointment;
    }

    /** A hold, as the pending Appointment its id names: {@code $book} takes that id back. */
    Appointment held(Visit visit, HoldView hold) {
        AppointmentStatus status = switch (hold.state()) {
            case "LIVE", "BOOKING", "HANDED_OVER" -> AppointmentStatus.PENDING;
            case "BOOKED" -> AppointmentStatus.BOOKED;
            default -> AppointmentStatus.CANCELLED; // released, expired, voided
        };
        Appointment appointment = appointment(visit, status, status == AppointmentStatus.CANCELLED ? ParticipationStatus.DECLINED
                : ParticipationStatus.TENTATIVE);
        appointment.setId(hold.id().value().toString());
        appointment.setCreatedElement(dateTime(hold.createdAt()));
        appointment.addExtension(HOLD_EXPIRES, instant(hold.expiresAt()));
        appointment.addExtension(CHANNEL, new CodeType(code(hold.channel())));
        return appointment;
    }

    /** An appointment booked (or being booked, or cancelled) on its source system. */
    Appointment booked(Visit visit, AppointmentView view) {
        AppointmentStatus status = switch (view.state()) {
            case "PENDING" -> AppointmentStatus.PENDING;
            case "CONFIRMED" -> AppointmentStatus.BOOKED;
            case "FULFILLED" -> AppointmentStatus.FULFILLED;
            case "NO_SHOW" -> AppointmentStatus.NOSHOW;
            default -> AppointmentStatus.CANCELLED; // cancelled, or rejected by the source
        };
        ParticipationStatus participation = switch (status) {
            case PENDING -> ParticipationStatus.TENTATIVE;
            case CANCELLED -> ParticipationStatus.DECLINED;
            default -> ParticipationStatus.ACCEPTED;
        };
        Appointment appointment = appointment(visit, status, participation);
        appointment.setId(view.id().toString());
        appointment.setCreatedElement(dateTime(view.requestedAt()));
        view.sourceReference().ifPresent(reference -> appointment.addIdentifier(new Identifier()
                .setSystem(SOURCE_SYSTEM + view.source().name().toLowerCase(Locale.ROOT).replace('_', '-')).setValue(reference)));
        return appointment;
    }

    private Appointment appointment(Visit visit, AppointmentStatus status, ParticipationStatus participation) {
        Appointment appointment = new Appointment();
        appointment.setStatus(status);
        appointment.addServiceType(serviceType(visit.service()));
        appointment.setStartElement(instant(visit.start()));
        appointment.setEndElement(instant(visit.end()));
        appointment.setMinutesDuration((int) Duration.between(visit.start(), visit.end()).toMinutes());
        appointment.addSlot(new Reference("Slot/" + visit.slot()));
        appointment.addParticipant().setActor(new Reference("Location/" + visit.clinic()).setDisplay(visit.clinicName()))
                .setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(participation);
        appointment.addParticipant().setActor(new Reference("Practitioner/" + visit.professional()))
                .setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(participation);
        return appointment;
    }

    CodeableConcept serviceType(ServiceTypeCode code) {
        String display = serviceTypes.find(code.value()).map(type -> type.name(language)).orElse(code.value());
        return new CodeableConcept(new Coding(SlotSearch.SERVICE_TYPE_SYSTEM, code.value(), display)).setText(display);
    }

    /** The service-type taxonomy (the deployment's extension included): French first, English as a designation. */
    CodeSystem serviceTypeCodeSystem() {
        CodeSystem system = new CodeSystem();
        system.setId("service-type");
        system.setUrl(SlotSearch.SERVICE_TYPE_SYSTEM);
        system.setName("ServiceType");
        system.setTitle("Types de service / Service types");
        system.setStatus(PublicationStatus.ACTIVE);
        system.setLanguage("fr-CA");
        system.setCaseSensitive(true);
        system.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        for (ServiceType type : serviceTypes.all()) {
            var concept = system.addConcept().setCode(type.code().value()).setDisplay(type.nameFr());
            concept.addDesignation().setLanguage("en").setValue(type.nameEn());
            concept.setDefinition(type.nameEn() + " (usually " + type.usualLength().toMinutes() + " min)");
        }
        system.setCount(system.getConcept().size());
        return system;
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static InstantType instant(Instant instant) {
        return new InstantType(Date.from(instant), TemporalPrecisionEnum.SECOND, QUEBEC);
    }

    static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, QUEBEC);
    }
}
