package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.SourceRecord.BookingHint;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One NDJSON line of a Location, Schedule or Slot file into a {@link SourceRecord}, in the publisher's own
 * ids and codes. Remembers Locations and Schedules across reads, because a Slot names only its Schedule
 * ({@code Slot.schedule}) and the Schedule names the Location ({@code Schedule.actor}); an incremental
 * publication may leave out Schedules that did not change. Never throws on what the publisher wrote: a
 * line it cannot translate is {@link SourceRecord.Unreadable} with the reason.
 *
 * <p>Two rules that the recorded Rite Aid publisher forced (README, "Quirks"):
 * <ul>
 *   <li>External id: {@code Slot.id + "|" + start instant (UTC, ISO-8601)}, always. Rite Aid reuses the store id as
 *   every Slot.id (112 ids for 1,542 slots), so Slot.id alone collides; both parts are in every Slot line, so
 *   a full read and an incremental one name a slot alike, whatever else the file holds.</li>
 *   <li>Time offsets: an offset as written is trusted ({@code 08:00-05:00} is 13:00Z, even on a date when the
 *   site's zone is at -04:00): the written offset makes the instant unambiguous, and reinterpreting it as
 *   local wall time would move every correct publisher's slots by our guess. Each start whose offset
 *   contradicts the site's zone at that instant is counted ({@link #offsetContradictions()}).</li>
 * </ul>
 */
final class ResourceTranslator {

    /** FHIR core extension (R5, usable on R4 Locations) naming the IANA zone of a Location. */
    static final String TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";

    /** What a Location contributes to its Slots: the booking phone fallback and the zone for the offset check. */
    private record Site(String phone, ZoneId zone) {
    }

    /** What a Schedule contributes to its Slots. */
    private record ScheduleLink(String siteRef, String serviceCode, String professionCode, String professionalRef) {
    }

    private final ObjectMapper json;
    private final ZoneId defaultZone;
    private final String professionalExtension;
    private final String modalityExtension;
    private final Map<String, Site> sites = new HashMap<>();
    private final Map<String, ScheduleLink> schedules = new HashMap<>();
    private long offsetContradictions;

    ResourceTranslator(ObjectMapper json, ZoneId defaultZone, String professionalExtension, String modalityExtension) {
        this.json = json;
        this.defaultZone = defaultZone;
        this.professionalExtension = professionalExtension;
        this.modalityExtension = modalityExtension;
    }

    /** Slot starts read since the last {@link #resetCounts()} whose offset contradicts their site's zone. */
    long offsetContradictions() {
        return offsetContradictions;
    }

    void resetCounts() {
        offsetContradictions = 0;
    }

    /** A Location line: the site it describes. */
    SourceRecord location(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            return notJson(line, e);
        }
        if (!"Location".equals(text(node.path("resourceType")))) {
            return new SourceRecord.Unreadable(null, "expected a Location in the Location file, got " + node.path("resourceType"), line);
        }
        String id = text(node.path("id"));
        if (id == null || id.isBlank()) {
            return new SourceRecord.Unreadable(null, "Location.id is missing", line);
        }
        String phone = null;
        for (JsonNode telecom : node.path("telecom")) {
            // Location.telecom where system = phone; the IG also allows url (the publisher's page).
            if ("phone".equals(text(telecom.path("system"))) && text(telecom.path("value")) != null) {
                phone = text(telecom.path("value"));
                break;
            }
        }
        ZoneId zone = defaultZone;
        for (JsonNode extension : node.path("extension")) {
            if (TIMEZONE_EXTENSION.equals(text(extension.path("url")))) {
                zone = zone(text(extension.path("valueCode"))).orElse(defaultZone);
            }
        }
        sites.put(id, new Site(phone, zone));
        return new SourceRecord.SiteSeen(id, text(node.path("name")), text(node.path("address").path("postalCode")), phone, line);
    }

    /** A Schedule line: remembered to place Slots; empty unless it cannot be read (then it is quarantined). */
    Optional<SourceRecord> schedule(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            return Optional.of(notJson(line, e));
        }
        if (!"Schedule".equals(text(node.path("resourceType")))) {
            return Optional.of(new SourceRecord.Unreadable(null, "expected a Schedule in the Schedule file, got " + node.path("resourceType"), line));
        }
        String id = text(node.path("id"));
        if (id == null || id.isBlank()) {
            return Optional.of(new SourceRecord.Unreadable(null, "Schedule.id is missing", line));
        }
        String siteRef = null;
        for (JsonNode actor : node.path("actor")) {
            String reference = text(actor.path("reference"));
            if (reference != null && reference.contains("Location/")) {
                siteRef = idOf(reference, "Location");
                break;
            }
        }
        if (siteRef == null || siteRef.isBlank()) {
            return Optional.of(new SourceRecord.Unreadable("Schedule/" + id, "Schedule.actor names no Location", line));
        }
        String professionalRef = null;
        if (professionalExtension != null) {
            for (JsonNode extension : node.path("extension")) {
                if (professionalExtension.equals(text(extension.path("url")))) {
                    professionalRef = firstText(text(extension.path("valueString")), text(extension.path("valueIdentifier").path("value")),
                            idOf(text(extension.path("valueReference").path("reference")), null));
                }
            }
        }
        // Schedule.serviceType: the publisher's service codes (Rite Aid: 57 then covid19-immunization; the first is passed);
        // Schedule.specialty: the profession, where the publisher says it (Bonjour Santé does).
        schedules.put(id, new ScheduleLink(siteRef, firstCode(node.path("serviceType")), firstCode(node.path("specialty")), professionalRef));
        return Optional.empty();
    }

    /** A Slot line: the slot as published now (free or not), gone when entered-in-error, or unreadable. */
    SourceRecord slot(String line, Instant transactionTime) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            return notJson(line, e);
        }
        if (!"Slot".equals(text(node.path("resourceType")))) {
            return new SourceRecord.Unreadable(null, "expected a Slot in the Slot file, got " + node.path("resourceType"), line);
        }
        String id = text(node.path("id"));
        if (id == null || id.isBlank()) {
            return new SourceRecord.Unreadable(null, "Slot.id is missing", line);
        }
        OffsetDateTime start = time(text(node.path("start")));
        if (start == null) {
            return new SourceRecord.Unreadable(id, "Slot.start '" + text(node.path("start")) + "' is not an instant with an offset", line);
        }
        String externalId = externalId(id, start);
        long version = version(node.path("meta"), transactionTime);
        String status = text(node.path("status"));
        if ("entered-in-error".equals(status)) {
            // SMART has no deletion record; a publisher (Bonjour Santé) withdraws a slot in an incremental file this way.
            return new SourceRecord.SlotGone(externalId, version, line);
        }
        Boolean free = status == null ? null : switch (status) {
            case "free" -> Boolean.TRUE;
            case "busy", "busy-unavailable", "busy-tentative" -> Boolean.FALSE;
            default -> null;
        };
        if (free == null) {
            return new SourceRecord.Unreadable(externalId, "Slot.status '" + status + "' is not a FHIR slot status", line);
        }
        OffsetDateTime end = time(text(node.path("end")));
        if (end == null || !end.isAfter(start)) {
            return new SourceRecord.Unreadable(externalId, "Slot.end '" + text(node.path("end")) + "' is not an instant after Slot.start", line);
        }
        String scheduleId = idOf(text(node.path("schedule").path("reference")), "Schedule");
        ScheduleLink schedule = scheduleId == null ? null : schedules.get(scheduleId);
        if (schedule == null) {
            return new SourceRecord.Unreadable(externalId, "Slot.schedule '" + text(node.path("schedule").path("reference"))
                    + "' is not among the published Schedules", line);
        }
        URI deepLink = null;
        String phone = null;
        Integer capacity = null;
        String modality = null;
        for (JsonNode extension : node.path("extension")) {
            String url = text(extension.path("url"));
            if (url == null) {
                continue;
            }
            if (url.equals(modalityExtension)) {
                modality = firstText(text(extension.path("valueCode")), text(extension.path("valueString")),
                        text(extension.path("valueCoding").path("code")));
                continue;
            }
            Optional<SmartExtension> known = SmartExtension.of(url);
            if (known.isEmpty()) {
                continue;
            }
            switch (known.get()) {
                case BOOKING_DEEP_LINK -> deepLink = uri(firstText(text(extension.path("valueUrl")), text(extension.path("valueUri"))));
                case BOOKING_PHONE -> phone = text(extension.path("valueString"));
                case SLOT_CAPACITY -> capacity = extension.path("valueInteger").canConvertToInt() && extension.path("valueInteger").isIntegralNumber()
                        ? extension.path("valueInteger").intValue() : null;
            }
        }
        // slot-capacity 0 means nobody can take it, whatever Slot.status says (Rite Aid's busy slots carry 0).
        boolean takeable = free && (capacity == null || capacity > 0);
        Site site = sites.get(schedule.siteRef());
        ZoneId zone = site == null ? defaultZone : site.zone();
        if (!zone.getRules().getOffset(start.toInstant()).equals(start.getOffset())) {
            offsetContradictions++;
        }
        String service = firstCode(node.path("serviceType"));
        try {
            return new SourceRecord.SlotSeen(externalId, version, schedule.siteRef(), schedule.professionalRef(),
                    service != null ? service : schedule.serviceCode(), schedule.professionCode(), modality,
                    start.toInstant(), Duration.between(start, end), takeable,
                    new BookingHint(deepLink, phone != null ? phone : site == null ? null : site.phone()), line);
        } catch (IllegalArgumentException e) {
            return new SourceRecord.Unreadable(externalId, e.getMessage(), line);
        }
    }

    /** The external id rule (see the class comment): Slot.id and the start instant in UTC. */
    static String externalId(String slotId, OffsetDateTime start) {
        return slotId + "|" + start.toInstant();
    }

    /** Slot.meta.versionId when it is a number, else Slot.meta.lastUpdated in epoch millis, else the manifest transactionTime. */
    private static long version(JsonNode meta, Instant transactionTime) {
        String versionId = text(meta.path("versionId"));
        if (versionId != null) {
            try {
                long version = Long.parseLong(versionId);
                if (version >= 0) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // not a counter: fall through to lastUpdated
            }
        }
        OffsetDateTime lastUpdated = time(text(meta.path("lastUpdated")));
        return lastUpdated != null ? lastUpdated.toInstant().toEpochMilli() : transactionTime.toEpochMilli();
    }

    private static SourceRecord.Unreadable notJson(String line, JacksonException e) {
        return new SourceRecord.Unreadable(null, "the NDJSON line is not JSON: " + e.getOriginalMessage(), line);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    /** The code of the first coding of the first CodeableConcept that has one. */
    private static String firstCode(JsonNode concepts) {
        for (JsonNode concept : concepts) {
            for (JsonNode coding : concept.path("coding")) {
                String code = text(coding.path("code"));
                if (code != null && !code.isBlank()) {
                    return code;
                }
            }
        }
        return null;
    }

    /** "Schedule/116", "https://x/fhir/Schedule/116/_history/2" or "116" to "116". */
    private static String idOf(String reference, String type) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        String plain = reference;
        int history = plain.indexOf("/_history/");
        if (history >= 0) {
            plain = plain.substring(0, history);
        }
        if (type != null) {
            int at = plain.lastIndexOf(type + "/");
            if (at >= 0) {
                return plain.substring(at + type.length() + 1);
            }
        }
        int slash = plain.lastIndexOf('/');
        return slash < 0 ? plain : plain.substring(slash + 1);
    }

    private static OffsetDateTime time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A deep link that is not an absolute URI is dropped (the phone may still serve); the slot stays. */
    private static URI uri(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
