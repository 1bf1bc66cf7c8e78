package ca.careorchestrator.connector.ical;

import ca.careorchestrator.connector.spi.SourceConfig;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The connector's settings, read once from {@link SourceConfig#settings()}.
 *
 * @param horizon      how far ahead recurrences are expanded ({@code ical.horizon-days}, default 56)
 * @param versionFrom  which property is a slot's version ({@code ical.version}: SEQUENCE or LAST-MODIFIED)
 * @param prefix       the feed's X-property prefix ({@code ical.x-prefix}, default {@code X-CHRONO-})
 * @param floatingZone the zone of a date-time without TZID or Z ({@code ical.floating-zone})
 */
record ICalSettings(Duration horizon, VersionFrom versionFrom, String prefix, ZoneId floatingZone) {

    static final int DEFAULT_HORIZON_DAYS = 56;

    /** Where a slot's version comes from. */
    enum VersionFrom {
        /** SEQUENCE as an integer (Chronometric: one revision counter for the whole feed). */
        SEQUENCE,
        /** LAST-MODIFIED (else DTSTAMP) in epoch milliseconds. */
        LAST_MODIFIED
    }

    static ICalSettings of(SourceConfig config) {
        int days;
        try {
            days = Integer.parseInt(config.setting("ical.horizon-days", String.valueOf(DEFAULT_HORIZON_DAYS)).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ical.horizon-days is a number of days", e);
        }
        if (days < 1) {
            throw new IllegalArgumentException("ical.horizon-days is at least 1");
        }
        String version = config.setting("ical.version", "SEQUENCE").trim().toUpperCase(Locale.ROOT).replace('-', '_');
        VersionFrom versionFrom;
        try {
            versionFrom = VersionFrom.valueOf(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ical.version is SEQUENCE or LAST-MODIFIED, not " + version, e);
        }
        ZoneId floating;
        try {
            floating = ZoneId.of(config.setting("ical.floating-zone", "America/Montreal").trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("ical.floating-zone is not a time zone", e);
        }
        String prefix = config.setting("ical.x-prefix", "X-CHRONO-").trim().toUpperCase(Locale.ROOT);
        return new ICalSettings(Duration.ofDays(days), versionFrom, prefix, floating);
    }
}
