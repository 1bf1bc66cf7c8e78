package ca.careorchestrator.connector.ical;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.SourceSystem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvailabilityFeedTest {

    private static final Instant NOW = Instant.parse("2026-10-01T00:00:00Z");
    private static final String UID = "4242@chronometric.example";

    private static ICalSettings settings(Map<String, String> settings) {
        return ICalSettings.of(new SourceConfig(SourceSystem.CHRONOMETRIC, URI.create("http://127.0.0.1/feed.ics"), settings,
                Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static List<SourceRecord> read(String components) {
        return read(components, Map.of(), 56);
    }

    private static List<SourceRecord> read(String components, Map<String, String> settings, int days) {
        String feed = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + components + "END:VCALENDAR\n").replace("\n", "\r\n");
        return AvailabilityFeed.read(feed, settings(settings), NOW, NOW.plus(Duration.ofDays(days)));
    }

    private static String availability(String... available) {
        return """
                BEGIN:VAVAILABILITY
                UID:%s
                DTSTAMP:20260930T120000Z
                SEQUENCE:3
                X-CHRONO-SITE:chrono-5@chronometric.example
                LOCATION:GMF des Érables
                CONTACT:819-555-0101
                X-CHRONO-PROFESSIONAL:chrono-pr-4242
                X-CHRONO-PROFESSION:MEDECIN
                """.formatted(UID) + String.join("", available) + "END:VAVAILABILITY\n";
    }

    private static List<SourceRecord.SlotSeen> slots(List<SourceRecord> records) {
        return records.stream().filter(SourceRecord.SlotSeen.class::isInstance).map(SourceRecord.SlotSeen.class::cast).toList();
    }

    private static List<SourceRecord.Unreadable> unreadable(List<SourceRecord> records) {
        return records.stream().filter(SourceRecord.Unreadable.class::isInstance).map(SourceRecord.Unreadable.class::cast).toList();
    }

    private static String id(String instant) {
        return Instant.parse(instant).getEpochSecond() / 60 + "-" + UID;
    }

    @Test
    void expandsAWeeklyRuleAndLeavesOutItsExdates() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTAMP:20260930T120000Z
                DTSTART;TZID=America/Montreal:20261005T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY;UNTIL=20261026T130000Z
                EXDATE;TZID=America/Montreal:20261012T090000
                SEQUENCE:7
                CATEGORIES:SUIVI
                X-CHRONO-MODALITY:CLINIQUE
                END:AVAILABLE
                """));

        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::externalId)
                .containsExactly(id("2026-10-05T13:00:00Z"), id("2026-10-19T13:00:00Z"), id("2026-10-26T13:00:00Z"));
        SourceRecord.SlotSeen first = slots(records).getFirst();
        assertThat(first.free()).isTrue();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(first.siteRef()).isEqualTo("chrono-5@chronometric.example");
        assertThat(first.professionalRef()).isEqualTo("chrono-pr-4242");
        assertThat(first.professionCode()).isEqualTo("MEDECIN");
        assertThat(first.serviceCode()).isEqualTo("SUIVI");
        assertThat(first.modalityCode()).isEqualTo("CLINIQUE");
        assertThat(first.booking().phone()).isEqualTo("819-555-0101");
        assertThat(first.raw()).contains("BEGIN:AVAILABLE", "X-CHRONO-SITE");
        assertThat(records.getFirst()).isEqualTo(new SourceRecord.SiteSeen("chrono-5@chronometric.example", "GMF des Érables", null,
                "819-555-0101", first.raw()));
    }

    @Test
    void aWeeklyNineOClockStaysNineOClockLocalAcrossTheFallBack() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20261026T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY;COUNT=2
                END:AVAILABLE
                """));

        // Montreal falls back on Sunday 2026-11-01: 09:00 EDT is 13:00Z, 09:00 EST is 14:00Z.
        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::start)
                .containsExactly(Instant.parse("2026-10-26T13:00:00Z"), Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void anAtlanticTimeClinicIsReadInItsOwnZone() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Halifax:20261026T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY;COUNT=2
                EXDATE;TZID=America/Montreal:20261102T080000
                END:AVAILABLE
                """).replace("DTSTAMP:20260930T120000Z\n", ""));

        // 09:00 ADT is 12:00Z; the EXDATE, written in Montreal time, names the same instant as 09:00 AST a week later.
        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::start).containsExactly(Instant.parse("2026-10-26T12:00:00Z"));
    }

    @Test
    void aBookedEventTakesItsSlotAndCarriesTheHigherVersion() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY;COUNT=2
                SEQUENCE:9
                END:AVAILABLE
                """) + """
                BEGIN:VEVENT
                UID:rdv-1@chronometric.example
                DTSTAMP:20260930T120000Z
                DTSTART:20261012T130000Z
                DURATION:PT15M
                RELATED-TO:%s
                SEQUENCE:8
                X-CHRONO-SITE:chrono-5@chronometric.example
                END:VEVENT
                BEGIN:VEVENT
                UID:rdv-2@chronometric.example
                DTSTART:20261013T130000Z
                DURATION:PT15M
                RELATED-TO:%s
                TRANSP:TRANSPARENT
                X-CHRONO-SITE:chrono-5@chronometric.example
                END:VEVENT
                """.formatted(UID, UID));

        assertThat(slots(records)).hasSize(2);
        SourceRecord.SlotSeen taken = slots(records).stream().filter(s -> s.externalId().equals(id("2026-10-12T13:00:00Z"))).findFirst()
                .orElseThrow();
        assertThat(taken.free()).isFalse();
        assertThat(taken.version()).isEqualTo(9);
    }

    @Test
    void aBrokenComponentIsQuarantinedWithItsTextAndTheRestIsRead() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:2026-13-45T25:99
                DURATION:PT15M
                END:AVAILABLE
                """, """
                BEGIN:AVAILABLE
                UID:mo-0915@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T091500
                DURATION:PT15M
                END:AVAILABLE
                """) + """
                BEGIN:VEVENT
                UID:never-ended@chronometric.example
                DTSTART:20261012T130000Z
                BEGIN:VEVENT
                UID:rdv-1@chronometric.example
                DTSTART:20261012T140000Z
                DURATION:PT15M
                RELATED-TO:%s
                X-CHRONO-SITE:chrono-5@chronometric.example
                END:VEVENT
                """.formatted(UID));

        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::externalId)
                .containsExactlyInAnyOrder(id("2026-10-05T13:15:00Z"), id("2026-10-12T14:00:00Z"));
        assertThat(unreadable(records)).hasSize(2);
        assertThat(unreadable(records).get(0).raw()).contains("2026-13-45T25:99", "BEGIN:AVAILABLE");
        assertThat(unreadable(records).get(0).externalId()).isEqualTo("mo-0900@chronometric.example");
        assertThat(unreadable(records).get(1).reason()).contains("never ended");
        assertThat(unreadable(records).get(1).raw()).contains("never-ended@chronometric.example");
    }

    @Test
    void onlyOccurrencesWithinTheHorizonAreRead() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20260907T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY
                END:AVAILABLE
                """), Map.of(), 14);

        // From 2026-10-01 for 14 days: the Mondays 10-05 and 10-12; the September ones are past.
        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::start)
                .containsExactly(Instant.parse("2026-10-05T13:00:00Z"), Instant.parse("2026-10-12T13:00:00Z"));
    }

    @Test
    void aSessionIsCutIntoSlotsOfTheAnnouncedLength() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-am@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T090000
                DTEND;TZID=America/Montreal:20261005T100000
                X-CHRONO-SLOT-LENGTH:PT20M
                END:AVAILABLE
                """));

        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::start).containsExactly(Instant.parse("2026-10-05T13:00:00Z"),
                Instant.parse("2026-10-05T13:20:00Z"), Instant.parse("2026-10-05T13:40:00Z"));
        assertThat(slots(records)).allMatch(s -> s.duration().equals(Duration.ofMinutes(20)));
    }

    @Test
    void aWholeDayAvailabilityHasNoSlotTimesAndIsQuarantined() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:all-day@chronometric.example
                DTSTART;VALUE=DATE:20261005
                DURATION:P1D
                END:AVAILABLE
                """));

        assertThat(slots(records)).isEmpty();
        assertThat(unreadable(records)).singleElement().satisfies(u -> assertThat(u.reason()).contains("whole day"));
    }

    @Test
    void versionsComeFromLastModifiedWhenTheFeedIsSetThatWay() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T090000
                DURATION:PT15M
                LAST-MODIFIED:20261001T101500Z
                END:AVAILABLE
                """), Map.of("ical.version", "last-modified"), 56);

        assertThat(slots(records)).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo(Instant.parse("2026-10-01T10:15:00Z").toEpochMilli()));
    }

    @Test
    void foldedLinesEscapedTextAndCategoryListsAreRead() {
        List<SourceRecord> records = read("""
                BEGIN:VAVAILABILITY
                UID:%s
                X-CHRONO-SITE:chrono-5@chronometric.example
                LOCATION:Groupe de médecine de famille universitaire des Cantons-de-l'Est\\,\s
                 site Fleurimont
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID="America/Montreal":20261005T090000
                DURATION:PT15M
                CATEGORIES:PRISE-DE-SANG,SUIVI
                END:AVAILABLE
                END:VAVAILABILITY
                """.formatted(UID));

        assertThat(records.getFirst()).isInstanceOfSatisfying(SourceRecord.SiteSeen.class, site -> assertThat(site.name())
                .isEqualTo("Groupe de médecine de famille universitaire des Cantons-de-l'Est, site Fleurimont"));
        assertThat(slots(records)).singleElement().satisfies(s -> assertThat(s.serviceCode()).isEqualTo("PRISE-DE-SANG"));
    }

    @Test
    void aComponentSentTwiceIsOneSlot() {
        String available = availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T090000
                DURATION:PT15M
                END:AVAILABLE
                """);

        assertThat(slots(read(available + available))).hasSize(1);
    }

    @Test
    void anAvailabilityPeriodBoundsItsWindows() {
        List<SourceRecord> records = read(availability("""
                BEGIN:AVAILABLE
                UID:mo-0900@chronometric.example
                DTSTART;TZID=America/Montreal:20261005T090000
                DURATION:PT15M
                RRULE:FREQ=WEEKLY
                END:AVAILABLE
                """).replace("SEQUENCE:3\n", "SEQUENCE:3\nDTEND:20261013T000000Z\n"));

        assertThat(slots(records)).extracting(SourceRecord.SlotSeen::start)
                .containsExactly(Instant.parse("2026-10-05T13:00:00Z"), Instant.parse("2026-10-12T13:00:00Z"));
    }
}
