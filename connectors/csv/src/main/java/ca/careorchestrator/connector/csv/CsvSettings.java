package ca.careorchestrator.connector.csv;

import ca.careorchestrator.connector.spi.SourceConfig;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The connector's settings, read once from {@link SourceConfig#settings()}; defaults are OSCAR-QC's export.
 *
 * @param columns     header name of each logical field ({@code csv.columns}: {@code field=Header;field=Header})
 * @param charset     the files' encoding unless they start with a UTF-8 BOM ({@code csv.charset})
 * @param delimiter   the field separator ({@code csv.delimiter}, default comma)
 * @param zone        the clinics' zone when a row has no zone column value ({@code csv.zone})
 * @param date        {@code csv.date-format}, default {@code yyyy-MM-dd}
 * @param time        {@code csv.time-format}, default {@code H:mm[:ss]}
 * @param freeWords   status values of a free slot ({@code csv.free-statuses}), compared without case
 * @param takenWords  status values of a booked slot ({@code csv.booked-statuses})
 */
record CsvSettings(Map<Field, String> columns, Charset charset, char delimiter, ZoneId zone, DateTimeFormatter date,
        DateTimeFormatter time, Set<String> freeWords, Set<String> takenWords) {

    /** What a row says, whatever the export calls its columns. */
    enum Field {
        ID("slot_id"),
        SITE("clinic_id"),
        SITE_NAME("clinic_name"),
        SITE_PHONE("clinic_phone"),
        SITE_POSTAL_CODE("clinic_postal_code"),
        PROFESSIONAL("provider_no"),
        PROFESSION("provider_type"),
        SERVICE("appointment_type"),
        MODALITY("visit_mode"),
        DATE("appointment_date"),
        START("start_time"),
        END("end_time"),
        DURATION("duration_min"),
        STATUS("status"),
        ZONE("time_zone");

        final String oscarHeader;

        Field(String oscarHeader) {
            this.oscarHeader = oscarHeader;
        }

        /** The name used in {@code csv.columns}: {@code site-phone} for SITE_PHONE. */
        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static CsvSettings of(SourceConfig config) {
        Map<Field, String> columns = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            columns.put(field, field.oscarHeader);
        }
        for (String pair : config.setting("csv.columns", "").split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            Field field = Arrays.stream(Field.values()).filter(f -> f.key().equals(kv[0].trim().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("csv.columns: no field " + kv[0].trim() + " (fields: "
                            + Arrays.stream(Field.values()).map(Field::key).collect(Collectors.joining(", ")) + ")"));
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("csv.columns: " + pair + " is not field=Header");
            }
            columns.put(field, kv[1].trim());
        }
        Charset charset;
        ZoneId zone;
        try {
            charset = Charset.forName(config.setting("csv.charset", "UTF-8").trim());
            zone = ZoneId.of(config.setting("csv.zone", "America/Montreal").trim());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("csv.charset or csv.zone: " + e.getMessage(), e);
        }
        String delimiter = config.setting("csv.delimiter", ",");
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("csv.delimiter is one character");
        }
        return new CsvSettings(Map.copyOf(columns), charset, delimiter.charAt(0), zone,
                DateTimeFormatter.ofPattern(config.setting("csv.date-format", "yyyy-MM-dd"), Locale.ROOT),
                DateTimeFormatter.ofPattern(config.setting("csv.time-format", "H:mm[:ss]"), Locale.ROOT),
                words(config.setting("csv.free-statuses", "available,disponible,libre")),
                words(config.setting("csv.booked-statuses", "booked,réservé,reserve,pris")));
    }

    private static Set<String> words(String list) {
        return Arrays.stream(list.split(",")).map(w -> w.trim().toLowerCase(Locale.ROOT)).filter(w -> !w.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
