package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.web.api.SearchCriteria;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as a patient reads them: Quebec's wall clock (America/Montreal, daylight time included) in the
 * page's language. French follows the Office québécois de la langue française ("jeudi 14 mai 2026, 9 h 30");
 * English the Canadian usage ("Thursday, May 14, 2026, 9:30 a.m.").
 */
public final class QuebecTime {

    static final ZoneId ZONE = SearchCriteria.QUEBEC;

    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;

    public QuebecTime(Locale locale) {
        boolean english = locale != null && locale.getLanguage().equals("en");
        Locale shown = english ? Locale.CANADA : Locale.CANADA_FRENCH;
        this.date = DateTimeFormatter.ofPattern(english ? "EEEE, MMMM d, yyyy" : "EEEE d MMMM yyyy", shown).withZone(ZONE);
        this.time = DateTimeFormatter.ofPattern(english ? "h:mm a" : "H 'h' mm", shown).withZone(ZONE);
        this.dateTime = DateTimeFormatter.ofPattern(english ? "EEEE, MMMM d, yyyy, h:mm a" : "EEEE d MMMM yyyy, H 'h' mm", shown)
                .withZone(ZONE);
    }

    /** "jeudi 14 mai 2026, 9 h 30". */
    public String dateTime(Instant instant) {
        return dateTime.format(instant);
    }

    /** "jeudi 14 mai 2026". */
    public String date(Instant instant) {
        return date.format(instant);
    }

    /** "9 h 30". */
    public String time(Instant instant) {
        return time.format(instant);
    }

    /** The machine-readable form for {@code <time datetime>}: the instant in UTC, ISO 8601. */
    public String iso(Instant instant) {
        return instant.toString();
    }

    /** A short wait, as the countdown starts: "4 min 05 s" (the same in both languages). */
    public String minutesSeconds(long secondsLeft) {
        long seconds = Math.max(0, secondsLeft);
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
}
