package ca.careorchestrator.simulator.fhir;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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

/**
 * Renders the platform's state as FHIR R4 JSON in one system's flavour. HAPI's model and JSON encoder keep
 * the output valid FHIR, except for Slots, the bulk, which are written directly (see {@link #slot}).
 */
final class FhirResources {

    /** One FhirContext for the JVM: building one scans the whole R4 model (seconds). */
    static final FhirContext R4 = FhirContext.forR4();

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter LAST_UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

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
     * connector's README). Written directly rather than through HAPI's model and encoder: 1,000 Slots take
     * about 3 ms this way, 20 ms through HAPI's encoder alone and 50 ms with the model built first (2 cores,
     * FhirSimulatorTest prints it), which matters at 1.3 million RVSQ slots. The test checks the output is
     * byte for byte what HAPI's encoder writes for the same Slot.
     */
    String slot(PlatformSlot platformSlot) {
        String id = flavour.fhirId(platformSlot.externalId());
        StringBuilder json = new StringBuilder(512).append("{\"resourceType\":\"Slot\",\"id\":");
        string(json, id).append(",\"meta\":{");
        String versionId = versionId(id, platformSlot.version());
        if (versionId != null) {
            string(json.append("\"versionId\":"), versionId).append(',');
        }
        string(json.append("\"lastUpdated\":"), LAST_UPDATED.format(platformSlot.lastUpdated().atOffset(ZoneOffset.UTC))).append('}');
        if (flavour.identifierSystem() != null) {
            string(string(json.append(",\"identifier\":[{\"system\":"), flavour.identifierSystem()).append(",\"value\":"),
                    platformSlot.externalId()).append("}]");
        }
        coding(json.append(",\"serviceType\":[{\"coding\":[{"), flavour.codeSystem("service"), platformSlot.serviceCode()).append("]}]");
        if (platformSlot.modalityCode() != null) {
            coding(json.append(",\"appointmentType\":{\"coding\":[{"), flavour.codeSystem("modality"), platformSlot.modalityCode()).append("]}");
        }
        string(json.append(",\"schedule\":{\"reference\":"), "Schedule/" + scheduleId(platformSlot.professionalRef())).append('}');
        json.append(",\"status\":\"").append(switch (platformSlot.status()) {
            case FREE -> "free";
            case BOOKED -> "busy";
            case DELETED -> "entered-in-error";
        }).append('"');
        ZoneId zone = flavour.localTimes() ? platformSlot.zone() : ZoneOffset.UTC;
        json.append(",\"start\":\"").append(SECONDS.format(platformSlot.start().atZone(zone))).append('"');
        json.append(",\"end\":\"").append(SECONDS.format(platformSlot.start().plus(platformSlot.duration()).atZone(zone))).append('"');
        return json.append('}').toString();
    }

    private static StringBuilder coding(StringBuilder json, String system, String code) {
        return string(string(json.append("\"system\":"), system).append(",\"code\":"), code).append('}');
    }

    /** A JSON string literal (codes and ids are plain ASCII in practice; escaped anyway). */
    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
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
        String versionId = versionId(resource.getIdPart(), version);
        if (versionId != null) {
            meta.setVersionId(versionId);
        }
        meta.setLastUpdatedElement(instant(lastUpdated, TemporalPrecisionEnum.MILLI, UTC));
    }

    /** meta.versionId in the flavour's form, or null when the flavour shows none. */
    private String versionId(String id, long version) {
        return switch (flavour.versioning()) {
            case NUMERIC -> Long.toString(version);
            case OPAQUE -> "v" + version + "-" + HexFormat.of().toHexDigits((id + "/" + version).hashCode());
            case NONE -> null;
        };
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
