package ca.careorchestrator.simulator.ical;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chronometric's availability feed as text: one VAVAILABILITY per professional (UID = the professional's
 * availability), in it one weekly AVAILABLE per recurring slot (same weekday, local time, length, service,
 * modality) whose occurrences that are not free are EXDATEs, and one opaque VEVENT per booked slot
 * (RELATED-TO the availability). A deleted slot is only an EXDATE, or nothing.
 */
final class ChronometricFeed {

    static final String PREFIX = "X-CHRONO-";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String BROKEN_DTSTART = "2026-13-45T25:99";

    private ChronometricFeed() {
    }

    /** The slots of one weekly AVAILABLE. */
    private record Block(String availabilityUid, DayOfWeek day, LocalTime time, Duration length, String service, String modality,
            ZoneId zone) {
    }

    /** Where an AVAILABLE with a single free occurrence starts: the one MALFORMED_RECORD breaks. */
    private record Breakable(int availability, int offset) {
    }

    static String render(SimulatedPlatform platform, Set<FaultMode> faults, Instant now) {
        Map<ClinicId, Clinic> clinics = new HashMap<>();
        platform.clinics().forEach(c -> clinics.put(c.id(), c));
        List<PlatformSlot> slots = new ArrayList<>(platform.slots());
        slots.sort(Comparator.comparing(PlatformSlot::start));
        Set<ZoneId> zones = new LinkedHashSet<>();
        Map<String, List<PlatformSlot>> byProfessional = new LinkedHashMap<>();
        for (PlatformSlot slot : slots) {
            zones.add(slot.zone());
            byProfessional.computeIfAbsent(availabilityUid(slot), k -> new ArrayList<>()).add(slot);
        }
        List<String> components = new ArrayList<>();
        for (ZoneId zone : zones) {
            components.add(vtimezone(zone));
        }
        List<String> availabilities = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<Breakable> breakable = new ArrayList<>();
        for (List<PlatformSlot> own : byProfessional.values()) {
            availabilities.add(availability(own, clinics, now, breakable, availabilities.size()));
            for (PlatformSlot slot : own) {
                if (slot.status() == PlatformSlot.Status.BOOKED) {
                    events.add(event(slot, clinics.get(slot.clinic()), now));
                }
            }
        }
        if (faults.contains(FaultMode.MALFORMED_RECORD) && !availabilities.isEmpty()) {
            availabilities = breakOne(availabilities, breakable.isEmpty() ? new Breakable(0, 0) : breakable.getFirst());
        }
        components.addAll(availabilities);
        components.addAll(events);
        if (faults.contains(FaultMode.DUPLICATES)) {
            List<String> twice = new ArrayList<>(components.size() * 2);
            for (String component : components) {
                twice.add(component);
                twice.add(component);
            }
            components = twice;
        }
        if (faults.contains(FaultMode.OUT_OF_ORDER)) {
            Collections.reverse(components);
        }
        StringBuilder feed = new StringBuilder(64 * 1024);
        line(feed, "BEGIN:VCALENDAR");
        line(feed, "VERSION:2.0");
        line(feed, "PRODID:-//Chronometric//Disponibilites 3.2//FR");
        line(feed, "CALSCALE:GREGORIAN");
        line(feed, "METHOD:PUBLISH");
        line(feed, "X-WR-CALNAME:" + text("Chronometric — disponibilités"));
        components.forEach(feed::append);
        line(feed, "END:VCALENDAR");
        return feed.toString();
    }

    /** The VAVAILABILITY UID of a slot: its external id is {@code <epoch minute>-<that UID>}. */
    static String availabilityUid(PlatformSlot slot) {
        return slot.externalId().substring(slot.externalId().indexOf('-') + 1);
    }

    private static String availability(List<PlatformSlot> own, Map<ClinicId, Clinic> clinics, Instant now, List<Breakable> breakable,
            int index) {
        PlatformSlot first = own.getFirst();
        Clinic clinic = clinics.get(first.clinic());
        Instant end = own.stream().map(s -> s.start().plus(s.duration())).max(Comparator.naturalOrder()).orElseThrow();
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VAVAILABILITY");
        line(out, "UID:" + availabilityUid(first));
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART;TZID=" + first.zone().getId() + ":" + LOCAL.format(first.start().atZone(first.zone())));
        line(out, "DTEND;TZID=" + first.zone().getId() + ":" + LOCAL.format(end.atZone(first.zone())));
        line(out, "SEQUENCE:" + own.stream().mapToLong(PlatformSlot::sequence).max().orElse(0));
        line(out, "LAST-MODIFIED:" + UTC.format(own.stream().map(PlatformSlot::lastUpdated).max(Comparator.naturalOrder()).orElseThrow()));
        line(out, "BUSYTYPE:BUSY-UNAVAILABLE");
        line(out, "SUMMARY:" + text("Disponibilités"));
        clinicLines(out, first, clinic);
        Map<Block, List<PlatformSlot>> blocks = new LinkedHashMap<>();
        for (PlatformSlot slot : own) {
            ZonedDateTime local = slot.start().atZone(slot.zone());
            blocks.computeIfAbsent(new Block(availabilityUid(slot), local.getDayOfWeek(), local.toLocalTime(), slot.duration(),
                    slot.serviceCode(), slot.modalityCode(), slot.zone()), k -> new ArrayList<>()).add(slot);
        }
        blocks.forEach((block, weekly) -> {
            long free = weekly.stream().filter(PlatformSlot::free).count();
            if (free == 0) {
                return;
            }
            if (free == 1) {
                breakable.add(new Breakable(index, out.length()));
            }
            available(out, block, weekly, now);
        });
        line(out, "END:VAVAILABILITY");
        return out.toString();
    }

    private static void available(StringBuilder out, Block block, List<PlatformSlot> weekly, Instant now) {
        ZonedDateTime first = weekly.getFirst().start().atZone(block.zone());
        ZonedDateTime last = weekly.getLast().start().atZone(block.zone());
        Set<Instant> free = new LinkedHashSet<>();
        weekly.stream().filter(PlatformSlot::free).forEach(s -> free.add(s.start()));
        List<String> excluded = new ArrayList<>();
        for (ZonedDateTime occurrence = first; !occurrence.isAfter(last); occurrence = occurrence.plusWeeks(1)) {
            if (!free.contains(occurrence.toInstant())) {
                excluded.add(LOCAL.format(occurrence));
            }
        }
        line(out, "BEGIN:AVAILABLE");
        line(out, "UID:" + block.day().name().substring(0, 2) + "-" + block.time().toString().replace(":", "") + "-"
                + block.length().toMinutes() + "-" + token(block.service()) + "-" + token(block.modality()) + "."
                + block.availabilityUid());
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART;TZID=" + block.zone().getId() + ":" + LOCAL.format(first));
        line(out, "DURATION:" + block.length());
        if (last.isAfter(first)) {
            line(out, "RRULE:FREQ=WEEKLY;UNTIL=" + UTC.format(last.toInstant()));
        }
        if (!excluded.isEmpty()) {
            line(out, "EXDATE;TZID=" + block.zone().getId() + ":" + String.join(",", excluded));
        }
        line(out, "SEQUENCE:" + weekly.stream().mapToLong(PlatformSlot::sequence).max().orElse(0));
        line(out, "LAST-MODIFIED:" + UTC.format(weekly.stream().map(PlatformSlot::lastUpdated).max(Comparator.naturalOrder()).orElseThrow()));
        if (block.service() != null) {
            line(out, "CATEGORIES:" + text(block.service()));
        }
        if (block.modality() != null) {
            line(out, PREFIX + "MODALITY:" + text(block.modality()));
        }
        line(out, "END:AVAILABLE");
    }

    private static String event(PlatformSlot slot, Clinic clinic, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VEVENT");
        line(out, "UID:rdv-" + slot.externalId());
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART;TZID=" + slot.zone().getId() + ":" + LOCAL.format(slot.start().atZone(slot.zone())));
        line(out, "DURATION:" + slot.duration());
        line(out, "RELATED-TO:" + availabilityUid(slot));
        line(out, "SEQUENCE:" + slot.sequence());
        line(out, "LAST-MODIFIED:" + UTC.format(slot.lastUpdated()));
        line(out, "TRANSP:OPAQUE");
        line(out, "STATUS:CONFIRMED");
        line(out, "SUMMARY:" + text("Réservé"));
        if (slot.serviceCode() != null) {
            line(out, "CATEGORIES:" + text(slot.serviceCode()));
        }
        if (slot.modalityCode() != null) {
            line(out, PREFIX + "MODALITY:" + text(slot.modalityCode()));
        }
        clinicLines(out, slot, clinic);
        line(out, "END:VEVENT");
        return out.toString();
    }

    private static void clinicLines(StringBuilder out, PlatformSlot slot, Clinic clinic) {
        line(out, PREFIX + "SITE:" + text(slot.siteRef()));
        if (clinic != null) {
            line(out, "LOCATION:" + text(clinic.name()));
            if (clinic.phone() != null) {
                line(out, "CONTACT:" + text(clinic.phone()));
            }
        }
        line(out, PREFIX + "PROFESSIONAL:" + text(slot.professionalRef()));
        if (slot.professionCode() != null) {
            line(out, PREFIX + "PROFESSION:" + text(slot.professionCode()));
        }
    }

    /** MALFORMED_RECORD: one AVAILABLE gets a DTSTART no one can read (one holding a single free slot if any). */
    private static List<String> breakOne(List<String> availabilities, Breakable target) {
        List<String> broken = new ArrayList<>(availabilities);
        String text = broken.get(target.availability());
        int dtstart = text.indexOf("\r\nDTSTART;", text.indexOf("BEGIN:AVAILABLE", target.offset()));
        int colon = text.indexOf(':', dtstart + 2);
        int eol = text.indexOf("\r\n", colon);
        broken.set(target.availability(), text.substring(0, colon + 1) + BROKEN_DTSTART + text.substring(eol));
        return broken;
    }

    /** A VTIMEZONE from java.time's rules (the yearly DST rules; a fixed offset when there are none). */
    static String vtimezone(ZoneId zone) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VTIMEZONE");
        line(out, "TZID:" + zone.getId());
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (yearly.isEmpty()) {
            ZoneOffset offset = rules.getOffset(Instant.EPOCH);
            line(out, "BEGIN:STANDARD");
            line(out, "DTSTART:19700101T000000");
            line(out, "TZOFFSETFROM:" + offset(offset));
            line(out, "TZOFFSETTO:" + offset(offset));
            line(out, "END:STANDARD");
        }
        for (ZoneOffsetTransitionRule rule : yearly) {
            String kind = rule.getOffsetAfter().getTotalSeconds() > rule.getOffsetBefore().getTotalSeconds() ? "DAYLIGHT" : "STANDARD";
            LocalDateTime start = rule.createTransition(1970).getDateTimeBefore();
            int indicator = rule.getDayOfMonthIndicator();
            String week = indicator < 0 ? "-1" : String.valueOf((indicator - 1) / 7 + 1);
            line(out, "BEGIN:" + kind);
            line(out, "DTSTART:" + LOCAL.format(start));
            line(out, "TZOFFSETFROM:" + offset(rule.getOffsetBefore()));
            line(out, "TZOFFSETTO:" + offset(rule.getOffsetAfter()));
            line(out, "RRULE:FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + ";BYDAY=" + week
                    + rule.getDayOfWeek().name().substring(0, 2));
            line(out, "END:" + kind);
        }
        line(out, "END:VTIMEZONE");
        return out.toString();
    }

    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int minutes = Math.abs(seconds) / 60;
        return String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }

    private static String token(String code) {
        return code == null ? "none" : code.replaceAll("[^A-Za-z0-9]", "_");
    }

    /** TEXT value escapes (RFC 5545 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    /** Appends a content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
    static void line(StringBuilder out, String line) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
