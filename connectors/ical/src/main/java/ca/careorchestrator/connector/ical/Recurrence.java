package ca.careorchestrator.connector.ical;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TemporalAmountAdapter;

/**
 * The occurrences of a component (RFC 5545 3.8.5): DTSTART, RRULE (ical4j's {@link Recur} does the rule),
 * RDATE, minus EXDATE, within a window. Date-times are read with java.time and their TZID as an IANA zone,
 * so a weekly 09:00 stays 09:00 local across a DST change.
 */
final class Recurrence {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private Recurrence() {
    }

    /** A value the reader cannot use; the part goes to quarantine with this reason. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason);
        }

        Unusable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** Starts of the occurrences with {@code from <= start < to}, in order. */
    static List<ZonedDateTime> occurrences(ICalComponent component, ZoneId floating, Instant from, Instant to) throws Unusable {
        ZonedDateTime start = dateTime(component.first("DTSTART").orElseThrow(() -> new Unusable(component.name() + " without DTSTART")),
                floating);
        TreeMap<Instant, ZonedDateTime> found = new TreeMap<>();
        add(found, start, from, to);
        for (ICalComponent.Line rule : component.all("RRULE")) {
            List<ZonedDateTime> dates;
            try {
                Recur<ZonedDateTime> recur = new Recur<>(rule.value());
                dates = recur.getDates(start, from.atZone(start.getZone()), to.atZone(start.getZone()));
            } catch (RuntimeException e) {
                throw new Unusable("RRULE " + rule.value() + ": " + e.getMessage(), e);
            }
            for (ZonedDateTime date : dates) {
                add(found, date, from, to);
            }
        }
        for (ICalComponent.Line rdate : component.all("RDATE")) {
            if ("PERIOD".equalsIgnoreCase(rdate.parameter("VALUE"))) {
                throw new Unusable("RDATE periods are not read");
            }
            for (ZonedDateTime date : dateTimes(rdate, floating)) {
                add(found, date, from, to);
            }
        }
        Set<Instant> excluded = new HashSet<>();
        for (ICalComponent.Line exdate : component.all("EXDATE")) {
            for (ZonedDateTime date : dateTimes(exdate, floating)) {
                excluded.add(date.toInstant());
            }
        }
        excluded.forEach(found::remove);
        return new ArrayList<>(found.values());
    }

    private static void add(TreeMap<Instant, ZonedDateTime> found, ZonedDateTime date, Instant from, Instant to) {
        Instant instant = date.toInstant();
        if (!instant.isBefore(from) && instant.isBefore(to)) {
            found.put(instant, date);
        }
    }

    /** How long one occurrence lasts: DURATION, else DTEND - DTSTART. */
    static Duration length(ICalComponent component, ZoneId floating) throws Unusable {
        var duration = component.first("DURATION");
        if (duration.isPresent()) {
            return duration(duration.get().value(), "DURATION");
        }
        var end = component.first("DTEND");
        var start = component.first("DTSTART");
        if (end.isPresent() && start.isPresent()) {
            return Duration.between(dateTime(start.get(), floating), dateTime(end.get(), floating));
        }
        throw new Unusable(component.name() + " without DURATION or DTEND");
    }

    /** An RFC 5545 duration (PT15M, P1D, P1W) as a {@link Duration}; days are 24 hours. */
    static Duration duration(String value, String what) throws Unusable {
        try {
            TemporalAmount amount = TemporalAmountAdapter.parse(value.trim()).getDuration();
            if (amount instanceof Duration exact) {
                return exact;
            }
            if (amount instanceof java.time.Period period && period.getMonths() == 0 && period.getYears() == 0) {
                return Duration.ofDays(period.getDays());
            }
            throw new Unusable(what + " " + value + ": not a fixed length");
        } catch (RuntimeException e) {
            throw new Unusable(what + " " + value + ": not a duration", e);
        }
    }

    static ZonedDateTime dateTime(ICalComponent.Line line, ZoneId floating) throws Unusable {
        List<ZonedDateTime> values = dateTimes(line, floating);
        if (values.size() != 1) {
            throw new Unusable(line.name() + " holds " + values.size() + " values");
        }
        return values.getFirst();
    }

    /** The date-times of a DTSTART/DTEND/EXDATE/RDATE line: UTC (Z), in its TZID, or floating. */
    static List<ZonedDateTime> dateTimes(ICalComponent.Line line, ZoneId floating) throws Unusable {
        ZoneId zone = floating;
        String tzid = line.parameter("TZID");
        if (tzid != null) {
            try {
                zone = ZoneId.of(tzid.startsWith("/") ? tzid.substring(1) : tzid);
            } catch (DateTimeException e) {
                throw new Unusable(line.name() + ": unknown TZID " + tzid, e);
            }
        }
        List<ZonedDateTime> values = new ArrayList<>();
        for (String value : line.value().split(",")) {
            String text = value.trim();
            try {
                if (text.length() == 16 && (text.endsWith("Z") || text.endsWith("z"))) {
                    values.add(LocalDateTime.parse(text.substring(0, 15), LOCAL).atZone(ZoneOffset.UTC));
                } else if (text.length() == 15) {
                    values.add(LocalDateTime.parse(text, LOCAL).atZone(zone));
                } else if (text.length() == 8) {
                    LocalDate.parse(text, DATE);
                    throw new Unusable(line.name() + " " + text + ": a whole day has no slot times");
                } else {
                    throw new Unusable(line.name() + " " + text + ": not a date-time");
                }
            } catch (DateTimeParseException e) {
                throw new Unusable(line.name() + " " + text + ": not a date-time", e);
            }
        }
        return values;
    }
}
