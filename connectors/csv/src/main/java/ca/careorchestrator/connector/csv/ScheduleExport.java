package ca.careorchestrator.connector.csv;

import ca.careorchestrator.connector.csv.CsvSettings.Field;
import ca.careorchestrator.connector.spi.SourceRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One export file read into records: sites first, then one record per slot, then the rows that could
 * not be read (each with its text as written and the reason). The header is matched without regard to
 * case, order or surrounding blanks.
 */
final class ScheduleExport {

    private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm", Locale.ROOT);
    /** What a Latin-1 export read as UTF-8 is taken for: windows-1252 is ISO-8859-1 plus the printable C1 range. */
    private static final Charset LATIN_FALLBACK = Charset.forName("windows-1252");

    private ScheduleExport() {
    }

    /** The whole file cannot be used (no header, a required column missing, CSV syntax broken): nothing of it is applied. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** A row that cannot be used: it goes to quarantine. */
    private static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;

        BadRow(String reason) {
            super(reason);
        }
    }

    /** The file's text: UTF-8 if it starts with a BOM, else the configured charset (a UTF-8 mistake falls back to windows-1252). */
    static String decode(byte[] bytes, Charset charset) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, charset.equals(StandardCharsets.UTF_8) ? LATIN_FALLBACK : charset);
        }
    }

    static List<SourceRecord> read(String text, CsvSettings settings, long version) throws Unusable {
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.RFC4180.builder().setDelimiter(settings.delimiter()).setIgnoreEmptyLines(true).get()).get()) {
            rows = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new Unusable("not CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new Unusable("empty file: no header", null);
        }
        Map<Field, Integer> index = header(rows.getFirst(), settings);
        Map<String, SourceRecord.SiteSeen> sites = new LinkedHashMap<>();
        Map<String, SourceRecord.SlotSeen> slots = new LinkedHashMap<>();
        List<SourceRecord> unreadable = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            String raw = raw(text, rows, i);
            try {
                Row row = new Row(rows.get(i), index, settings);
                SourceRecord.SlotSeen slot = row.slot(version, raw);
                sites.putIfAbsent(slot.siteRef(), new SourceRecord.SiteSeen(slot.siteRef(), row.optional(Field.SITE_NAME),
                        row.optional(Field.SITE_POSTAL_CODE), slot.booking().phone(), raw));
                // A full export names a slot once; if twice, a booked row wins over a free one.
                slots.merge(slot.externalId(), slot, (one, other) -> one.free() ? other : one);
            } catch (BadRow e) {
                unreadable.add(new SourceRecord.Unreadable(idOf(rows.get(i), index), e.getMessage(), raw));
            }
        }
        List<SourceRecord> records = new ArrayList<>(sites.size() + slots.size() + unreadable.size());
        records.addAll(sites.values());
        records.addAll(slots.values());
        records.addAll(unreadable);
        return records;
    }

    private static Map<Field, Integer> header(CSVRecord header, CsvSettings settings) throws Unusable {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Map<Field, Integer> index = new LinkedHashMap<>();
        settings.columns().forEach((field, name) -> {
            Integer position = positions.get(name.trim().toLowerCase(Locale.ROOT));
            if (position != null) {
                index.put(field, position);
            }
        });
        for (Field required : List.of(Field.SITE, Field.DATE, Field.START, Field.STATUS)) {
            if (!index.containsKey(required)) {
                throw new Unusable("no column '" + settings.columns().get(required) + "' (csv.columns " + required.key() + "=...) in header "
                        + header.values().length + " columns", null);
            }
        }
        if (!index.containsKey(Field.END) && !index.containsKey(Field.DURATION)) {
            throw new Unusable("neither '" + settings.columns().get(Field.END) + "' nor '" + settings.columns().get(Field.DURATION)
                    + "' in the header: no slot length", null);
        }
        return index;
    }

    /** The row as written in the file, line ending excluded. */
    private static String raw(String text, List<CSVRecord> rows, int i) {
        int from = (int) rows.get(i).getCharacterPosition();
        int to = i + 1 < rows.size() ? (int) rows.get(i + 1).getCharacterPosition() : text.length();
        String row = text.substring(Math.min(from, text.length()), Math.min(Math.max(from, to), text.length()));
        return row.replaceAll("[\r\n]+$", "");
    }

    private static String idOf(CSVRecord record, Map<Field, Integer> index) {
        Integer position = index.get(Field.ID);
        return position != null && position < record.size() && !record.get(position).isBlank() ? record.get(position).trim() : null;
    }

    /** One data row, read through the header index. */
    private record Row(CSVRecord record, Map<Field, Integer> index, CsvSettings settings) {

        String required(Field field) throws BadRow {
            Integer position = index.get(field);
            if (position == null || position >= record.size()) {
                throw new BadRow("missing column '" + settings.columns().get(field) + "' (" + record.size() + " values)");
            }
            String value = record.get(position).trim();
            if (value.isEmpty()) {
                throw new BadRow("empty '" + settings.columns().get(field) + "'");
            }
            return value;
        }

        String optional(Field field) {
            Integer position = index.get(field);
            if (position == null || position >= record.size() || record.get(position).isBlank()) {
                return null;
            }
            return record.get(position).trim();
        }

        SourceRecord.SlotSeen slot(long version, String raw) throws BadRow {
            String site = required(Field.SITE);
            String professional = optional(Field.PROFESSIONAL);
            ZoneId zone = zone();
            LocalDate date = parse(Field.DATE, settings.date(), LocalDate::from);
            LocalTime startTime = parse(Field.START, settings.time(), LocalTime::from);
            ZonedDateTime start = ZonedDateTime.of(date, startTime, zone);
            Duration duration = duration(start);
            if (duration.isZero() || duration.isNegative()) {
                throw new BadRow("slot length " + duration + " is not positive");
            }
            String status = required(Field.STATUS).toLowerCase(Locale.ROOT);
            boolean free;
            if (settings.freeWords().contains(status)) {
                free = true;
            } else if (settings.takenWords().contains(status)) {
                free = false;
            } else {
                throw new BadRow("unknown status '" + status + "' (csv.free-statuses, csv.booked-statuses)");
            }
            // OSCAR has no slot number: its export's slot_id, else clinic + local start minute + provider, names a slot.
            String id = optional(Field.ID);
            if (id == null) {
                id = site + "-" + LOCAL_MINUTE.format(start) + "-" + (professional == null ? "" : professional);
            }
            return new SourceRecord.SlotSeen(id, version, site, professional, optional(Field.SERVICE), optional(Field.PROFESSION),
                    optional(Field.MODALITY), start.toInstant(), duration, free,
                    new SourceRecord.BookingHint(null, optional(Field.SITE_PHONE)), raw);
        }

        private ZoneId zone() throws BadRow {
            String zone = optional(Field.ZONE);
            if (zone == null) {
                return settings.zone();
            }
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new BadRow("unknown time zone '" + zone + "'");
            }
        }

        private Duration duration(ZonedDateTime start) throws BadRow {
            if (optional(Field.END) != null) {
                LocalTime end = parse(Field.END, settings.time(), LocalTime::from);
                ZonedDateTime until = ZonedDateTime.of(start.toLocalDate(), end, start.getZone());
                // An end at or before the start is past midnight.
                return Duration.between(start, until.isAfter(start) ? until : until.plusDays(1));
            }
            String minutes = required(Field.DURATION);
            try {
                return Duration.ofMinutes(Long.parseLong(minutes));
            } catch (NumberFormatException e) {
                throw new BadRow("'" + settings.columns().get(Field.DURATION) + "' " + minutes + ": not minutes");
            }
        }

        private <T> T parse(Field field, DateTimeFormatter format, java.time.temporal.TemporalQuery<T> query) throws BadRow {
            String value = required(field);
            try {
                return format.parse(value, query);
            } catch (DateTimeException e) {
                throw new BadRow("'" + settings.columns().get(field) + "' " + value + ": " + e.getMessage());
            }
        }
    }
}
