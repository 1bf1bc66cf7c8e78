package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class Hl7TimeTest {

    private static final ZoneId MONTREAL = ZoneId.of("America/Montreal");

    @Test
    void anOffsetInTheValueWinsOverTheSourcesZone() {
        assertThat(Hl7Time.parse("20261123093000-0400", MONTREAL)).isEqualTo(Instant.parse("2026-11-23T13:30:00Z"));
    }

    @Test
    void aValueWithoutOffsetIsTheSourcesWallClockDaylightTimeIncluded() {
        assertThat(Hl7Time.parse("20260701093000", MONTREAL)).isEqualTo(Instant.parse("2026-07-01T13:30:00Z"));
        assertThat(Hl7Time.parse("20261201093000", MONTREAL)).isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
    }

    @Test
    void minutePrecisionAndTrailingSpacesAreAccepted() {
        assertThat(Hl7Time.parse("200803061000 ", MONTREAL)).isEqualTo(Instant.parse("2008-03-06T15:00:00Z"));
    }

    @Test
    void fractionsOfASecondAreKeptToTheMillisecond() {
        assertThat(Hl7Time.parse("20261123093000.1234+0000", MONTREAL)).isEqualTo(Instant.parse("2026-11-23T09:30:00.1234Z"));
        assertThat(Hl7Time.format(Instant.parse("2026-11-23T14:30:00.007Z"), MONTREAL)).isEqualTo("20261123093000.007-0500");
    }

    @Test
    void somethingElseIsRefusedWithTheValueInTheReason() {
        assertThatThrownBy(() -> Hl7Time.parse("2026-13-45 25:99", MONTREAL)).hasMessageContaining("2026-13-45 25:99");
        assertThatThrownBy(() -> Hl7Time.parse("20261345", MONTREAL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsReadTheirUnitsAndABareNumberIsMinutes() {
        assertThat(Hl7Time.amount("30", "MINUTES")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Hl7Time.amount("20", "MIN")).isEqualTo(Duration.ofMinutes(20));
        assertThat(Hl7Time.amount("1.5", "h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Hl7Time.amount("15", null)).isEqualTo(Duration.ofMinutes(15));
        assertThat(Hl7Time.tqDuration("M45")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Hl7Time.tqDuration("30")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Hl7Time.tqDuration("S900")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> Hl7Time.amount("2", "fortnights")).hasMessageContaining("fortnights");
    }
}
