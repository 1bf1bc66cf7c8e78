package ca.careorchestrator.connector.ical;

import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.ical.Recurrence.Unusable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.ParserException;

/**
 * Translates one part of the feed (an AVAILABLE with its VAVAILABILITY, or a VEVENT) into slots, in the
 * source's words. Where a property may sit on both, the AVAILABLE's wins over its VAVAILABILITY's.
 */
final class PartReader {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    /** What one part said: the site it names and its slots (free ones from AVAILABLE, booked from VEVENT). */
    record Reading(SourceRecord.SiteSeen site, List<SourceRecord.SlotSeen> slots) {
    }

    private final ICalSettings settings;
    private final Instant from;
    private final Instant to;

    PartReader(ICalSettings settings, Instant from, Instant to) {
        this.settings = settings;
        this.from = from;
        this.to = to;
    }

    Reading read(FeedParts.Part part) throws Unusable {
        if (part.kind() == FeedParts.Kind.BROKEN) {
            throw new Unusable(part.problem());
        }
        ICalComponent component;
        try {
            component = ICalComponent.parse(part.text());
        } catch (ParserException e) {
            throw new Unusable("not iCalendar: " + e.getMessage(), e);
        }
        return switch (part.kind()) {
            case AVAILABLE -> available(component, part.text());
            case EVENT -> event(component, part.text());
            case BROKEN -> throw new IllegalStateException("broken parts are not parsed");
        };
    }

    /** RFC 7953 AVAILABLE inside its VAVAILABILITY: each occurrence (or each slot of it) is a free slot. */
    private Reading available(ICalComponent availability, String raw) throws Unusable {
        ICalComponent available = availability.child("AVAILABLE").orElseThrow(() -> new Unusable("VAVAILABILITY without AVAILABLE"));
        // VAVAILABILITY UID: the professional's availability; with the start minute it names a slot for good.
        String anchor = text(availability, "UID").orElseThrow(() -> new Unusable("VAVAILABILITY without UID"));
        Instant windowFrom = from;
        Instant windowTo = to;
        // VAVAILABILITY DTSTART/DTEND bound the period its AVAILABLEs apply to (RFC 7953 section 3.1).
        Optional<ICalComponent.Line> periodStart = availability.first("DTSTART");
        if (periodStart.isPresent()) {
            Instant start = Recurrence.dateTime(periodStart.get(), settings.floatingZone()).toInstant();
            windowFrom = start.isAfter(windowFrom) ? start : windowFrom;
        }
        Optional<ICalComponent.Line> periodEnd = availability.first("DTEND");
        if (periodEnd.isPresent()) {
            Instant end = Recurrence.dateTime(periodEnd.get(), settings.floatingZone()).toInstant();
            windowTo = end.isBefore(windowTo) ? end : windowTo;
        }
        return slots(available, availability, anchor, true, raw, windowFrom, windowTo);
    }

    /** An opaque VEVENT: time taken in a professional's availability (RELATED-TO names it), a booked slot. */
    private Reading event(ICalComponent event, String raw) throws Unusable {
        String anchor = text(event, "RELATED-TO").orElseThrow(() -> new Unusable("VEVENT without RELATED-TO (the availability it takes from)"));
        boolean transparent = event.first("TRANSP").map(l -> l.value().trim().equalsIgnoreCase("TRANSPARENT")).orElse(false);
        boolean cancelled = event.first("STATUS").map(l -> l.value().trim().equalsIgnoreCase("CANCELLED")).orElse(false);
        if (transparent || cancelled) {
            // Takes no time: the slot is whatever the availability says.
            return new Reading(site(event, event, raw), List.of());
        }
        return slots(event, event, anchor, false, raw, from, to);
    }

    private Reading slots(ICalComponent component, ICalComponent parent, String anchor, boolean free, String raw,
            Instant windowFrom, Instant windowTo) throws Unusable {
        SourceRecord.SiteSeen site = site(component, parent, raw);
        Duration occurrence = Recurrence.length(component, settings.floatingZone());
        Optional<String> slotLength = text(component, parent, settings.prefix() + "SLOT-LENGTH");
        Duration length = slotLength.isPresent() ? Recurrence.duration(slotLength.get(), settings.prefix() + "SLOT-LENGTH") : occurrence;
        if (length.isZero() || length.isNegative() || occurrence.compareTo(length) < 0) {
            throw new Unusable("slot length " + length + " does not fit an occurrence of " + occurrence);
        }
        long version = version(component, parent);
        String professional = text(component, parent, settings.prefix() + "PROFESSIONAL").orElse(null);
        String profession = text(component, parent, settings.prefix() + "PROFESSION").orElse(null);
        // CATEGORIES carries the service code (the first one if several).
        String service = category(component).or(() -> category(parent)).orElse(null);
        String modality = text(component, parent, settings.prefix() + "MODALITY").orElse(null);
        SourceRecord.BookingHint booking = new SourceRecord.BookingHint(null, site.phone());
        List<SourceRecord.SlotSeen> slots = new ArrayList<>();
        for (ZonedDateTime start : Recurrence.occurrences(component, settings.floatingZone(), windowFrom, windowTo)) {
            Instant end = start.toInstant().plus(occurrence);
            for (Instant slot = start.toInstant(); !slot.plus(length).isAfter(end); slot = slot.plus(length)) {
                slots.add(new SourceRecord.SlotSeen(externalId(slot, anchor), version, site.siteRef(), professional, service,
                        profession, modality, slot, length, free, booking, raw));
            }
        }
        return new Reading(site, slots);
    }

    /** The id rule: epoch minute of the slot's start, a dash, the availability's UID. Stable across reads and regroupings. */
    static String externalId(Instant start, String availabilityUid) {
        return start.getEpochSecond() / 60 + "-" + availabilityUid;
    }

    private SourceRecord.SiteSeen site(ICalComponent component, ICalComponent parent, String raw) throws Unusable {
        String siteRef = text(component, parent, settings.prefix() + "SITE")
                .orElseThrow(() -> new Unusable(component.name() + " without " + settings.prefix() + "SITE"));
        return new SourceRecord.SiteSeen(siteRef, text(component, parent, "LOCATION").orElse(null),
                text(component, parent, settings.prefix() + "POSTAL-CODE").orElse(null),
                text(component, parent, "CONTACT").orElse(null), raw);
    }

    private long version(ICalComponent component, ICalComponent parent) throws Unusable {
        return switch (settings.versionFrom()) {
            case SEQUENCE -> {
                Optional<String> sequence = text(component, parent, "SEQUENCE");
                try {
                    yield sequence.isPresent() ? Long.parseLong(sequence.get().trim()) : 0;
                } catch (NumberFormatException e) {
                    throw new Unusable("SEQUENCE " + sequence.get() + ": not a number", e);
                }
            }
            case LAST_MODIFIED -> {
                Optional<String> stamp = text(component, parent, "LAST-MODIFIED").or(() -> text(component, parent, "DTSTAMP"));
                try {
                    yield stamp.isPresent() ? LocalDateTime.parse(stamp.get().trim(), UTC).toInstant(ZoneOffset.UTC).toEpochMilli() : 0;
                } catch (DateTimeParseException e) {
                    throw new Unusable("LAST-MODIFIED " + stamp.get() + ": not a UTC date-time", e);
                }
            }
        };
    }

    private static Optional<String> category(ICalComponent component) {
        return component.first("CATEGORIES").flatMap(l -> ICalComponent.textList(l.value()).stream().findFirst());
    }

    private static Optional<String> text(ICalComponent component, ICalComponent parent, String property) {
        return text(component, property).or(() -> text(parent, property));
    }

    private static Optional<String> text(ICalComponent component, String property) {
        return component.first(property).map(ICalComponent.Line::text).map(String::trim).filter(s -> !s.isEmpty());
    }
}
