package ca.careorchestrator.connector.spi;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * What a source said, in the source's own words: codes are the source's (mapping to the canonical
 * taxonomy is the runtime's job), ids are the source's. {@code raw} is the record as received (an NDJSON
 * line, a FHIR resource, an HL7 message, a CSV row), kept for quarantine and replay.
 */
public sealed interface SourceRecord {

    String raw();

    /** A place where care is given (FHIR/SMART Location, HL7 AIL-3, iCal calendar, CSV clinic column). */
    record SiteSeen(String siteRef, String name, String postalCode, String phone, String raw) implements SourceRecord {
        public SiteSeen {
            require(siteRef, "siteRef");
            require(raw, "raw");
        }
    }

    /**
     * A slot as the source publishes it now, free or not. {@code version} grows with every change at the
     * source (FHIR meta.versionId, lastUpdated in epoch millis, HL7 MSH-7); a record older than what was
     * applied is ignored. Codes may be null when the source does not say (the mapping table decides).
     */
    record SlotSeen(
            String externalId,
            long version,
            String siteRef,
            String professionalRef,
            String serviceCode,
            String professionCode,
            String modalityCode,
            Instant start,
            Duration duration,
            boolean free,
            BookingHint booking,
            String raw) implements SourceRecord {
        public SlotSeen {
            require(externalId, "externalId");
            require(siteRef, "siteRef");
            require(raw, "raw");
            if (version < 0 || start == null || duration == null || duration.isNegative() || duration.isZero() || booking == null) {
                throw new IllegalArgumentException("slot " + externalId + ": version >= 0, a start, a positive duration and a booking hint");
            }
        }
    }

    /** The source says the slot no longer exists (deleted, template closed, S15/S17 with nothing left). */
    record SlotGone(String externalId, long version, String raw) implements SourceRecord {
        public SlotGone {
            require(externalId, "externalId");
            require(raw, "raw");
        }
    }

    /** A record the connector could not translate: it goes to quarantine with the reason; the rest is applied. */
    record Unreadable(String externalId, String reason, String raw) implements SourceRecord {
        public Unreadable {
            require(reason, "reason");
            if (raw == null) {
                throw new IllegalArgumentException("an unreadable record keeps its raw payload");
            }
        }
    }

    /** How a patient books this slot when the source has no booking API (deep link, phone); both may be null. */
    record BookingHint(URI deepLink, String phone) {
        public static final BookingHint NONE = new BookingHint(null, null);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
