package ca.careorchestrator.app.web.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class QuebecTimeTest {

    @Test
    void showsQuebecWallClockTimeInFrenchByDefault() {
        QuebecTime time = new QuebecTime(Locale.CANADA_FRENCH);
        Instant winter = Instant.parse("2026-12-03T14:30:00Z"); // EST, UTC-5
        Instant summer = Instant.parse("2026-07-02T13:05:00Z"); // EDT, UTC-4

        assertThat(time.dateTime(winter)).isEqualTo("jeudi 3 décembre 2026, 9 h 30");
        assertThat(time.time(summer)).isEqualTo("9 h 05");
        assertThat(time.date(summer)).isEqualTo("jeudi 2 juillet 2026");
        assertThat(new QuebecTime(null).time(winter)).isEqualTo("9 h 30");
    }

    @Test
    void showsCanadianEnglishOnRequest() {
        QuebecTime time = new QuebecTime(Locale.ENGLISH);

        assertThat(time.dateTime(Instant.parse("2026-12-03T19:30:00Z"))).matches("Thursday, December 3, 2026, 2:30\\s?p\\.?m\\.?");
    }

    @Test
    void theDayChangesAtMontrealMidnightNotUtcMidnight() {
        assertThat(new QuebecTime(Locale.CANADA_FRENCH).date(Instant.parse("2026-12-04T02:00:00Z"))).isEqualTo("jeudi 3 décembre 2026");
    }

    @Test
    void theCountdownStartsFromTheServerSecondsNeverBelowZero() {
        QuebecTime time = new QuebecTime(Locale.CANADA_FRENCH);

        assertThat(time.minutesSeconds(299)).isEqualTo("4 min 59 s");
        assertThat(time.minutesSeconds(65)).isEqualTo("1 min 05 s");
        assertThat(time.minutesSeconds(-3)).isEqualTo("0 min 00 s");
    }

    @Test
    void phoneNumbersBecomeTelAddresses() {
        assertThat(BookingPages.telHref("418-555-0158")).isEqualTo("tel:+14185550158");
        assertThat(BookingPages.telHref("+1 (514) 555-0100")).isEqualTo("tel:+15145550100");
    }
}
