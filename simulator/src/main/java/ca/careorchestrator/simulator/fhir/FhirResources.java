package ca.careorchestrator.simulator.fhir;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * Renders the platform's state as FHIR R4 JSON in one system's flavour. HAPI's model and JSON encoder keep
 * the output valid FHIR; a page of 1,000 Slots encodes in a few milliseconds (see FhirSimulatorTest).
 */
final class FhirResources {

    /** One FhirContext for the JVM: building one scans the whole R4 model (seconds). */
    static final FhirContext R4 = FhirContext.forR4();

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirFlavour flavour;

    FhirResources(FhirFlavour flavour) {
        this.flavour = flavour;
    }

    /** One Location per clinic; Dialogue's are virtual (physicalType "vi", no address). */
    String location(String siteRef, Clinic clinic, Instant published) {
        Location location = new Location();
        location.setId(flavour.fhirId(siteRef));
        identify(location.getIdentifier(), siteRef);
        meta(location, 1, published);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.setName(clinic.name());
        if (clinic.phone() != null) {
            location.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(clinic.phone());
        }
        String physicalType = flavour.virtualLocations() ? "vi" : "bu";
        location.getPhysicalType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/location-physical-type")
                .setCode(physicalType);
        if (!flavour.virtualLocations()) {
            // The synthetic province knows a clinic's forward sortation area, not its full postal code.
            location.getAddress().setPostalCode(clinic.fsa().value()).setState("QC").setCountry("CA");
            location.getPosition().setLatitude(clinic.location().latitude()).setLongitude(clinic.location().longitude());
        }
        return encode(location);
    }

    /** One PractitionerRole per professional: PractitionerRole.code is the platform's profession code. */
    String practitionerRole(String professionalRef, String professionCode, String siteRef, Instant published) {
        PractitionerRole role = new PractitionerRole();
        role.setId(flavour.fhirId(professionalRef));
        identify(role.getIdentifier(), professionalRef);
        meta(role, 1, published);
        role.setActive(true);
        role.addCode().addCoding().setSystem(flavour.codeSystem("profession")).setCode(professionCode);
        role.addLocation(new Reference("Location/" + flavour.fhirId(siteRef)));
        return encode(role);
    }

    /** One Schedule per PractitionerRole; its actors are the role and its Location. */
    String schedule(String professionalRef, String siteRef, Collection<String> serviceCodes, Instant published) {
        Schedule schedule = new Schedule();
        schedule.setId(scheduleId(professionalRef));
        meta(schedule, 1, published);
        schedule.setActive(true);
        for (String code : serviceCodes) {
            schedule.addServiceType().addCoding().setSystem(flavour.codeSystem("service")).setCode(code);
        }
        schedule.addActor(new Reference("PractitionerRole/" + flavour.fhirId(professionalRef)));
        schedule.addActor(new Reference("Location/" + flavour.fhirId(siteRef)));
        return encode(schedule);
    }

    String scheduleId(String professionalRef) {
        return "sch-" + flavour.fhirId(professionalRef);
    }

    /**
     * A Slot: status free or busy ({@code entered-in-error} when the clinic withdrew it), the service in
     * Slot.serviceType, the modality in Slot.appointmentType (R4 has no modality element; see the
     * connector's README).
     */
    String slot(PlatformSlot platformSlot) {
        Slot slot = new Slot();
        slot.setId(flavour.fhirId(platformSlot.externalId()));
        identify(slot.getIdentifier(), platformSlot.externalId());
        meta(slot, platformSlot.version(), platformSlot.lastUpdated());
        slot.addServiceType().addCoding().setSystem(flavour.codeSystem("service")).setCode(platformSlot.serviceCode());
        if (platformSlot.modalityCode() != null) {
            slot.getAppointmentType().addCoding().setSystem(flavour.codeSystem("modality")).setCode(platformSlot.modalityCode());
        }
        slot.setSchedule(new Reference("Schedule/" + scheduleId(platformSlot.professionalRef())));
        slot.setStatus(switch (platformSlot.status()) {
            case FREE -> Slot.SlotStatus.FREE;
            case BOOKED -> Slot.SlotStatus.BUSY;
            case DELETED -> Slot.SlotStatus.ENTEREDINERROR;
        });
        TimeZone zone = flavour.localTimes() ? TimeZone.getTimeZone(platformSlot.zone()) : UTC;
        slot.setStartElement(instant(platformSlot.start(), TemporalPrecisionEnum.SECOND, zone));
        slot.setEndElement(instant(platformSlot.start().plus(platformSlot.duration()), TemporalPrecisionEnum.SECOND, zone));
        return encode(slot);
    }

    String appointment(String id, String slotFhirId, String idempotencyKey, String keySystem, boolean cancelled, Instant when) {
        Appointment appointment = new Appointment();
        appointment.setId(id);
        meta(appointment, cancelled ? 2 : 1, when);
        if (idempotencyKey != null) {
            appointment.addIdentifier().setSystem(keySystem).setValue(idempotencyKey);
        }
        appointment.setStatus(cancelled ? Appointment.AppointmentStatus.CANCELLED : Appointment.AppointmentStatus.BOOKED);
        appointment.addSlot(new Reference("Slot/" + slotFhirId));
        return encode(appointment);
    }

    static String outcome(String code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.fromCode(code)).setDiagnostics(diagnostics);
        return R4.newJsonParser().encodeResourceToString(outcome);
    }

    /** The platform's own id, when it is not a valid FHIR id, travels as an identifier. */
    private void identify(List<Identifier> identifiers, String platformId) {
        if (flavour.identifierSystem() != null) {
            identifiers.add(new Identifier().setSystem(flavour.identifierSystem()).setValue(platformId));
        }
    }

    /** meta.versionId as the flavour shows it (or not at all), meta.lastUpdated in UTC to the millisecond. */
    private void meta(DomainResource resource, long version, Instant lastUpdated) {
        Meta meta = resource.getMeta();
        switch (flavour.versioning()) {
            case NUMERIC -> meta.setVersionId(Long.toString(version));
            case OPAQUE -> meta.setVersionId("v" + version + "-" + HexFormat.of().toHexDigits(
                    (resource.getIdPart() + "/" + version).hashCode()));
            case NONE -> {
            }
        }
        meta.setLastUpdatedElement(instant(lastUpdated, TemporalPrecisionEnum.MILLI, UTC));
    }

    static InstantType instant(Instant instant, TemporalPrecisionEnum precision, TimeZone zone) {
        InstantType type = new InstantType(Date.from(instant), precision, zone);
        if (zone.getRawOffset() == 0 && zone.getID().equals("UTC")) {
            type.setTimeZoneZulu(true);
        }
        return type;
    }

    private static String encode(DomainResource resource) {
        return R4.newJsonParser().encodeResourceToString(resource);
    }
}
