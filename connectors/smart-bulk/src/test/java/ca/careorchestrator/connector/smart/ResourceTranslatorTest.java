package ca.careorchestrator.connector.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.SourceRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceTranslatorTest {

    private static final Instant TRANSACTION = Instant.parse("2026-01-04T14:00:00Z");
    private static final String MODALITY = "https://bonjour-sante.example/fhir/StructureDefinition/modalite";
    private static final String PROFESSIONAL = "https://bonjour-sante.example/fhir/StructureDefinition/professionnel";

    private ResourceTranslator translator;

    @BeforeEach
    void placeOneClinic() {
        translator = new ResourceTranslator(new ObjectMapper(), ZoneId.of("America/Montreal"), PROFESSIONAL, MODALITY);
        translator.location("""
                {"resourceType":"Location","id":"bjs-5","name":"GMF","telecom":[{"system":"url","value":"https://x"},{"system":"phone","value":"819-555-0101"}],\
                "address":{"postalCode":"J1H 5N4"}}""");
        assertThat(translator.schedule("""
                {"resourceType":"Schedule","id":"s1","actor":[{"reference":"Location/bjs-5"}],\
                "serviceType":[{"coding":[{"code":"BS-103"}]}],"specialty":[{"coding":[{"code":"medecin"}]}],\
                "extension":[{"url":"%s","valueString":"bjs-pr-9"}]}""".formatted(PROFESSIONAL))).isEmpty();
    }

    private static String slot(String status, String extensions) {
        return """
                {"resourceType":"Slot","id":"a","meta":{"versionId":"3"},"schedule":{"reference":"Schedule/s1"},"status":"%s",\
                "start":"2026-01-05T09:00:00-05:00","end":"2026-01-05T09:15:00-05:00","extension":[%s]}""".formatted(status, extensions);
    }

    @Test
    void aSlotIsPlacedAtItsSchedulesLocationWithTheSchedulesCodes() {
        SourceRecord record = translator.slot(slot("free", "{\"url\":\"" + MODALITY + "\",\"valueCode\":\"video\"}"), TRANSACTION);

        assertThat(record).isInstanceOfSatisfying(SourceRecord.SlotSeen.class, seen -> {
            assertThat(seen.externalId()).isEqualTo("a|2026-01-05T14:00:00Z");
            assertThat(seen.version()).isEqualTo(3);
            assertThat(seen.siteRef()).isEqualTo("bjs-5");
            assertThat(seen.professionalRef()).isEqualTo("bjs-pr-9");
            assertThat(seen.serviceCode()).isEqualTo("BS-103");
            assertThat(seen.professionCode()).isEqualTo("medecin");
            assertThat(seen.modalityCode()).isEqualTo("video");
            assertThat(seen.free()).isTrue();
            assertThat(seen.booking().phone()).as("the Location's phone when the slot has none").isEqualTo("819-555-0101");
        });
        assertThat(translator.offsetContradictions()).as("-05:00 is Montreal's offset in January").isZero();
    }

    @Test
    void bothExtensionBasesAreRead() {
        String http = "{\"url\":\"http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link\",\"valueUrl\":\"https://book.example/1\"}";
        String https = "{\"url\":\"https://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone\",\"valueString\":\"1-800-555-0199\"}";

        SourceRecord.SlotSeen seen = (SourceRecord.SlotSeen) translator.slot(slot("free", http + "," + https), TRANSACTION);

        assertThat(seen.booking().deepLink()).isEqualTo(URI.create("https://book.example/1"));
        assertThat(seen.booking().phone()).isEqualTo("1-800-555-0199");
    }

    @Test
    void aFreeSlotWithNoCapacityLeftIsNotFree() {
        String capacity = "{\"url\":\"https://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity\",\"valueInteger\":0}";

        assertThat(((SourceRecord.SlotSeen) translator.slot(slot("free", capacity), TRANSACTION)).free()).isFalse();
    }

    @Test
    void busyStatusesAreNotFree() {
        for (String status : new String[] {"busy", "busy-unavailable", "busy-tentative"}) {
            assertThat(((SourceRecord.SlotSeen) translator.slot(slot(status, ""), TRANSACTION)).free()).as(status).isFalse();
        }
    }

    @Test
    void anEnteredInErrorSlotIsGone() {
        assertThat(translator.slot(slot("entered-in-error", ""), TRANSACTION))
                .isEqualTo(new SourceRecord.SlotGone("a|2026-01-05T14:00:00Z", 3, slot("entered-in-error", "")));
    }

    @Test
    void aBrokenLineIsUnreadableWithTheLineKept() {
        String line = "{\"resourceType\":\"Slot\",\"id\":\"a\",\"sta";

        assertThat(translator.slot(line, TRANSACTION)).isInstanceOfSatisfying(SourceRecord.Unreadable.class, unreadable -> {
            assertThat(unreadable.raw()).isEqualTo(line);
            assertThat(unreadable.reason()).startsWith("the NDJSON line is not JSON");
        });
    }

    @Test
    void aSlotOfAnUnpublishedScheduleIsUnreadable() {
        String line = slot("free", "").replace("Schedule/s1", "Schedule/s2");

        assertThat(translator.slot(line, TRANSACTION)).isInstanceOfSatisfying(SourceRecord.Unreadable.class,
                unreadable -> assertThat(unreadable.reason()).contains("Schedule/s2"));
    }

    @Test
    void anUnknownStatusIsUnreadable() {
        assertThat(translator.slot(slot("maybe", ""), TRANSACTION)).isInstanceOfSatisfying(SourceRecord.Unreadable.class,
                unreadable -> assertThat(unreadable.reason()).contains("'maybe'"));
    }

    @Test
    void aStartWithoutOffsetIsUnreadable() {
        String line = slot("free", "").replace("09:00:00-05:00", "09:00:00");

        assertThat(translator.slot(line, TRANSACTION)).isInstanceOf(SourceRecord.Unreadable.class);
    }

    @Test
    void anOffsetWithHoursOnlyAsInTheSpecsExampleIsRead() {
        String line = slot("free", "").replace("09:00:00-05:00", "09:00:00-05").replace("09:15:00-05:00", "09:15:00-05");

        assertThat(((SourceRecord.SlotSeen) translator.slot(line, TRANSACTION)).start()).isEqualTo(Instant.parse("2026-01-05T14:00:00Z"));
    }

    @Test
    void theVersionFallsBackToLastUpdatedThenToTheTransactionTime() {
        String lastUpdated = slot("free", "").replace("{\"versionId\":\"3\"}", "{\"lastUpdated\":\"2026-01-04T13:00:00.250Z\"}");
        String nothing = slot("free", "").replace("{\"versionId\":\"3\"}", "{}");

        assertThat(((SourceRecord.SlotSeen) translator.slot(lastUpdated, TRANSACTION)).version())
                .isEqualTo(Instant.parse("2026-01-04T13:00:00.250Z").toEpochMilli());
        assertThat(((SourceRecord.SlotSeen) translator.slot(nothing, TRANSACTION)).version()).isEqualTo(TRANSACTION.toEpochMilli());
    }

    @Test
    void anOffsetThatContradictsTheSitesZoneIsTrustedAndCounted() {
        // July in Montreal is -04:00; -05:00 as written is kept: 09:00-05:00 is 14:00Z.
        String july = slot("free", "").replace("2026-01-05", "2026-07-06");

        SourceRecord.SlotSeen seen = (SourceRecord.SlotSeen) translator.slot(july, TRANSACTION);

        assertThat(seen.start()).isEqualTo(Instant.parse("2026-07-06T14:00:00Z"));
        assertThat(translator.offsetContradictions()).isEqualTo(1);
    }

    @Test
    void aLocationNamingItsZoneIsCheckedInThatZone() {
        translator.location("""
                {"resourceType":"Location","id":"bjs-5","extension":[{"url":"http://hl7.org/fhir/StructureDefinition/timezone",\
                "valueCode":"America/Halifax"}]}""");

        translator.slot(slot("free", ""), TRANSACTION);

        assertThat(translator.offsetContradictions()).as("Halifax is at -04:00 in January").isEqualTo(1);
    }
}
