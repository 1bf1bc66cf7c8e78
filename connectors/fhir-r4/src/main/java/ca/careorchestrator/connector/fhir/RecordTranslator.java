package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.SourceRecord;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * FHIR R4 resources to {@link SourceRecord}s, one resource at a time, in the source's words: codes pass
 * through untouched (the runtime's mapping tables turn them canonical). A resource that does not parse or
 * lacks what a record needs becomes {@link SourceRecord.Unreadable} with its JSON and the reason.
 */
final class RecordTranslator {

    /** One FhirContext per JVM: building it scans the whole R4 model. */
    static final FhirContext R4 = FhirContext.forR4();

    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,18}");

    private final FhirSettings settings;
    private final SourceDirectory directory;
    private final IParser parser;

    RecordTranslator(FhirSettings settings, SourceDirectory directory) {
        this.settings = settings;
        this.directory = directory;
        // Unknown elements are tolerated (vendors add their own); invalid values (a bad date, an unknown
        // Slot.status code) throw, so the resource goes to quarantine instead of being half-read.
        this.parser = R4.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(true));
    }

    /** Location → SiteSeen (and the directory learns its site ref). */
    SourceRecord location(SearchPage.Entry entry) {
        Location location;
        try {
            location = parser.parseResource(Location.class, entry.raw());
        } catch (DataFormatException e) {
            return unreadable(entry, "Location does not parse: " + e.getMessage());
        }
        String siteRef = externalId(location.getIdentifier(), location);
        if (siteRef == null) {
            return unreadable(entry, "Location has neither id nor identifier");
        }
        if (location.hasIdElement()) {
            directory.location(location.getIdElement().getIdPart(), siteRef);
        }
        // Location.telecom (system phone), Location.address.postalCode
        String phone = location.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .map(ContactPoint::getValue).findFirst().orElse(null);
        return new SourceRecord.SiteSeen(siteRef, location.getName(), location.getAddress().getPostalCode(), phone, entry.raw());
    }

    /** PractitionerRole: learnt into the directory; a record only when it cannot be read. */
    Optional<SourceRecord> practitionerRole(SearchPage.Entry entry) {
        PractitionerRole role;
        try {
            role = parser.parseResource(PractitionerRole.class, entry.raw());
        } catch (DataFormatException e) {
            return Optional.of(unreadable(entry, "PractitionerRole does not parse: " + e.getMessage()));
        }
        if (!role.hasIdElement()) {
            return Optional.of(unreadable(entry, "PractitionerRole has no id, so no Schedule can name it"));
        }
        // PractitionerRole.code is the profession; PractitionerRole.location the site.
        String locationId = role.getLocation().stream().map(RecordTranslator::idPart).filter(id -> id != null).findFirst().orElse(null);
        directory.role(role.getIdElement().getIdPart(), new SourceDirectory.Role(externalId(role.getIdentifier(), role),
                code(role.getCode(), settings.professionSystem()), locationId));
        return Optional.empty();
    }

    /** Schedule: learnt into the directory; a record only when it cannot be read. */
    Optional<SourceRecord> schedule(SearchPage.Entry entry) {
        Schedule schedule;
        try {
            schedule = parser.parseResource(Schedule.class, entry.raw());
        } catch (DataFormatException e) {
            return Optional.of(unreadable(entry, "Schedule does not parse: " + e.getMessage()));
        }
        if (!schedule.hasIdElement()) {
            return Optional.of(unreadable(entry, "Schedule has no id, so no Slot can name it"));
        }
        String roleId = null;
        String practitionerId = null;
        String locationId = null;
        // Schedule.actor: a PractitionerRole, a Practitioner or a Location (several allowed).
        for (Reference actor : schedule.getActor()) {
            String type = actor.getReferenceElement().getResourceType();
            String id = idPart(actor);
            if ("PractitionerRole".equals(type) && roleId == null) {
                roleId = id;
            } else if ("Practitioner".equals(type) && practitionerId == null) {
                practitionerId = id;
            } else if ("Location".equals(type) && locationId == null) {
                locationId = id;
            }
        }
        directory.schedule(schedule.getIdElement().getIdPart(), new SourceDirectory.ScheduleFacts(roleId, practitionerId, locationId,
                code(schedule.getServiceType(), settings.serviceSystem())));
        return Optional.empty();
    }

    /**
     * Slot → SlotSeen (free only when Slot.status is "free"; busy, busy-unavailable and busy-tentative, a
     * hold elsewhere, are not free), SlotGone (entered-in-error), or Unreadable.
     */
    SourceRecord slot(SearchPage.Entry entry) {
        Slot slot;
        try {
            slot = parser.parseResource(Slot.class, entry.raw());
        } catch (DataFormatException e) {
            return unreadable(entry, "Slot does not parse: " + e.getMessage());
        }
        String externalId = externalId(slot.getIdentifier(), slot);
        if (externalId == null) {
            return unreadable(entry, "Slot has neither id nor identifier");
        }
        long version = version(slot.getMeta());
        // Slot.status
        return switch (slot.hasStatus() ? slot.getStatus() : Slot.SlotStatus.NULL) {
            case FREE -> seen(entry, slot, externalId, version, true);
            case BUSY, BUSYUNAVAILABLE, BUSYTENTATIVE -> seen(entry, slot, externalId, version, false);
            case ENTEREDINERROR -> new SourceRecord.SlotGone(externalId, version, entry.raw());
            case NULL -> new SourceRecord.Unreadable(externalId, "Slot.status is missing", entry.raw());
        };
    }

    private SourceRecord seen(SearchPage.Entry entry, Slot slot, String externalId, long version, boolean free) {
        if (!slot.hasStart() || !slot.hasEnd()) {
            return new SourceRecord.Unreadable(externalId, "Slot.start and Slot.end are required", entry.raw());
        }
        Instant start = slot.getStart().toInstant();
        Duration duration = Duration.between(start, slot.getEnd().toInstant());
        if (duration.isNegative() || duration.isZero()) {
            return new SourceRecord.Unreadable(externalId, "Slot.end is not after Slot.start", entry.raw());
        }
        String scheduleId = idPart(slot.getSchedule());
        if (scheduleId == null) {
            return new SourceRecord.Unreadable(externalId, "Slot.schedule is required", entry.raw());
        }
        return switch (directory.place(scheduleId)) {
            case SourceDirectory.Placement.Unplaced unplaced -> new SourceRecord.Unreadable(externalId, unplaced.reason(), entry.raw());
            case SourceDirectory.Placement.Placed placed -> {
                // Slot.serviceType, else the Schedule's; the modality is Slot.appointmentType (README: "Modality").
                String service = code(slot.getServiceType(), settings.serviceSystem());
                String modality = code(List.of(slot.getAppointmentType()), settings.modalitySystem());
                yield new SourceRecord.SlotSeen(externalId, version, placed.siteRef(), placed.professionalRef(),
                        service != null ? service : placed.serviceCode(), placed.professionCode(), modality, start, duration, free,
                        SourceRecord.BookingHint.NONE, entry.raw());
            }
        };
    }

    /** A record read from an entry that is not one of the searched types (a server adding includes we did not ask for). */
    SourceRecord unexpected(SearchPage.Entry entry, String searched) {
        return unreadable(entry, "a " + searched + " search returned a " + entry.resourceType());
    }

    /**
     * meta.versionId when it is a number (RVSQ); else meta.lastUpdated in epoch milliseconds (Tap Medical,
     * Dialogue's opaque version ids); 0 when the source says neither (each read then looks like the first).
     */
    static long version(Meta meta) {
        if (meta.hasVersionId() && NUMERIC.matcher(meta.getVersionId()).matches()) {
            return Long.parseLong(meta.getVersionId());
        }
        return meta.hasLastUpdated() ? meta.getLastUpdated().getTime() : 0;
    }

    /** The identifier in the configured source id system when there is one, else Resource.id. */
    private String externalId(List<Identifier> identifiers, Resource resource) {
        if (settings.identifierSystem() != null) {
            for (Identifier identifier : identifiers) {
                if (settings.identifierSystem().equals(identifier.getSystem()) && identifier.hasValue()) {
                    return identifier.getValue();
                }
            }
        }
        return resource.hasIdElement() ? resource.getIdElement().getIdPart() : null;
    }

    /** The code of the coding in {@code system} when one is configured, else of the first coding that has a code. */
    private static String code(List<CodeableConcept> concepts, String system) {
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                if (coding.hasCode() && (system == null || system.equals(coding.getSystem()))) {
                    return coding.getCode();
                }
            }
        }
        return null;
    }

    private static String idPart(Reference reference) {
        return reference != null && reference.hasReference() ? reference.getReferenceElement().getIdPart() : null;
    }

    private static SourceRecord.Unreadable unreadable(SearchPage.Entry entry, String reason) {
        return new SourceRecord.Unreadable(entry.externalId(), reason, entry.raw());
    }
}
