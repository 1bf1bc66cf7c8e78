package ca.careorchestrator.connector.hl7v2;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 TS/DTM values ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) and HL7 durations. Parsed by hand
 * rather than with HAPI's DTM because HAPI reads a value without offset in the JVM's zone; a source's wall
 * clock is its own zone (setting {@code hl7.zone}), whatever machine we run on.
 */
final class Hl7Time {

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);

    private Hl7Time() {
    }

    /** An instant from an HL7 timestamp; surrounding spaces are ignored (vendors pad fields). */
    static Instant parse(String text, ZoneId zoneWhenAbsent) {
        String value = text == null ? "" : text.strip();
        Matcher m = TS.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HL7 timestamp: '" + value + "'");
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2), 1), number(m.group(3), 1),
                    number(m.group(4), 0), number(m.group(5), 0), number(m.group(6), 0),
                    fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9)));
            ZoneId zone = m.group(8) == null ? zoneWhenAbsent : ZoneOffset.of(m.group(8));
            return local.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an HL7 timestamp: '" + value + "' (" + e.getMessage() + ")", e);
        }
    }

    /** A timestamp with milliseconds and offset, as we stamp what we send. */
    static String format(Instant instant, ZoneId zone) {
        return MILLIS.format(instant.atZone(zone));
    }

    /**
     * A duration from an amount and its unit (SCH-9/SCH-10, AIS-7/AIS-8): ISO+ or UCUM-like codes (MIN, MINUTES,
     * min, M; HR, H, h; S, SEC; D, d). No unit means minutes, as every sample and vendor profile uses.
     */
    static Duration amount(String amount, String unit) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration amount: '" + amount + "'", e);
        }
        String u = unit == null ? "" : unit.strip().toUpperCase(Locale.ROOT);
        long secondsPerUnit;
        if (u.isEmpty() || u.equals("M") || u.startsWith("MIN")) {
            secondsPerUnit = 60;
        } else if (u.startsWith("H")) {
            secondsPerUnit = 3600;
        } else if (u.startsWith("S")) {
            secondsPerUnit = 1;
        } else if (u.startsWith("D")) {
            secondsPerUnit = 86_400;
        } else {
            throw new IllegalArgumentException("unknown duration unit '" + unit + "'");
        }
        return Duration.ofMillis(value.multiply(BigDecimal.valueOf(secondsPerUnit * 1000)).longValueExact());
    }

    /** A TQ-3 duration ({@code M30}, {@code H1}, {@code S900}, {@code D1}; a bare number is minutes). */
    static Duration tqDuration(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty TQ duration");
        }
        char first = value.charAt(0);
        return Character.isDigit(first) ? amount(value, "MIN") : amount(value.substring(1), String.valueOf(first));
    }

    private static int number(String digits, int absent) {
        return digits == null ? absent : Integer.parseInt(digits);
    }
}
