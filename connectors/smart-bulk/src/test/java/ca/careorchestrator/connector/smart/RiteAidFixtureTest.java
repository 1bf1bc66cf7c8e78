package ca.careorchestrator.connector.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.core.care.SourceSystem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recorded Rite Aid publisher (New Jersey, 2023-03-24; usdigitalresponse/univaf fixtures, Apache-2.0),
 * replayed over a loopback HTTP server. Its traps: Slot.id repeats (112 ids for 1,542 slots), every
 * timestamp says -05:00 on dates when New Jersey is at -04:00, busy slots carry capacity 0.
 */
class RiteAidFixtureTest {

    private RecordedPublisher publisher;
    private SmartBulkConnector connector;
    private final List<SourceRecord> records = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        publisher = new RecordedPublisher(RecordedPublisher.riteAidNewJersey());
        connector = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE, publisher.manifestUrl(),
                Map.of("smart.zone", "America/New_York"), Duration.ofSeconds(10), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        connector.close();
        publisher.close();
    }

    private Outcome pull(Checkpoint from) throws InterruptedException {
        return connector.pull(from, batch -> {
            batchSizes.add(batch.size());
            records.addAll(batch);
            return Outcome.Ok.delivered(batch.size());
        });
    }

    private <T extends SourceRecord> List<T> all(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theManifestIsRestrictedToTheRecordedNewJerseyFiles() throws Exception {
        pull(Checkpoint.NONE);

        assertThat(publisher.keptOutputs()).containsExactly("locations-NJ.ndjson", "schedules-NJ.ndjson", "slots-NJ.ndjson");
    }

    @Test
    void aFullReadSeesEveryLocationAndSlotOfTheRecording() throws Exception {
        Outcome outcome = pull(Checkpoint.NONE);

        assertThat(outcome).isEqualTo(new Outcome.Ok(112 + 1_542, new Checkpoint("2023-03-24T20:27:12.613Z"), Outcome.Coverage.FULL));
        assertThat(all(SourceRecord.SiteSeen.class)).hasSize(112);
        assertThat(all(SourceRecord.SlotSeen.class)).hasSize(1_542);
        assertThat(all(SourceRecord.Unreadable.class)).isEmpty();
        assertThat(all(SourceRecord.SlotGone.class)).isEmpty();
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(500));
    }

    @Test
    void repeatedSlotIdsStillGiveOneExternalIdPerSlot() throws Exception {
        pull(Checkpoint.NONE);

        List<SourceRecord.SlotSeen> slots = all(SourceRecord.SlotSeen.class);
        Set<String> slotIds = new HashSet<>();
        slots.forEach(s -> slotIds.add(s.externalId().substring(0, s.externalId().indexOf('|'))));
        assertThat(slotIds).as("Slot.id is the store id").hasSize(112);
        assertThat(slots.stream().map(SourceRecord.SlotSeen::externalId).distinct().count()).isEqualTo(1_542);
    }

    @Test
    void freeSlotsAreThoseFreeWithCapacityAndBusyOnesAreNot() throws Exception {
        pull(Checkpoint.NONE);

        List<SourceRecord.SlotSeen> slots = all(SourceRecord.SlotSeen.class);
        assertThat(slots.stream().filter(SourceRecord.SlotSeen::free).count()).isEqualTo(1_430);
        assertThat(slots.stream().filter(s -> !s.free()).count()).isEqualTo(112);
        assertThat(slots.stream().filter(s -> !s.free())).allSatisfy(s -> assertThat(s.raw()).contains("\"status\":\"busy\""));
    }

    @Test
    void everySlotCarriesTheDeepLinkAndPhoneTheRecordingHas() throws Exception {
        pull(Checkpoint.NONE);

        assertThat(all(SourceRecord.SlotSeen.class)).allSatisfy(slot -> {
            assertThat(slot.booking().deepLink()).isEqualTo(URI.create("https://www.riteaid.com/pharmacy/covid-qualifier"));
            assertThat(slot.booking().phone()).isNotBlank();
        });
        SourceRecord.SlotSeen first = all(SourceRecord.SlotSeen.class).getFirst();
        assertThat(first.booking().phone()).isEqualTo("(856) 825-7742");
    }

    @Test
    void locationsGiveTheirPostalCodeAndPhoneAsWritten() throws Exception {
        pull(Checkpoint.NONE);

        List<SourceRecord.SiteSeen> sites = all(SourceRecord.SiteSeen.class);
        assertThat(sites).allSatisfy(site -> assertThat(site.phone()).isNotBlank());
        assertThat(sites.getFirst()).extracting(SourceRecord.SiteSeen::siteRef, SourceRecord.SiteSeen::name,
                SourceRecord.SiteSeen::postalCode, SourceRecord.SiteSeen::phone)
                // The recording dropped the ZIP code's leading zero (08332): passed on as the source wrote it.
                .containsExactly("116", "Rite Aid", "8332-3762", "(856) 825-7742");
        Set<String> siteRefs = new HashSet<>();
        sites.forEach(s -> siteRefs.add(s.siteRef()));
        assertThat(all(SourceRecord.SlotSeen.class)).allSatisfy(slot -> assertThat(siteRefs).contains(slot.siteRef()));
    }

    @Test
    void aSlotIsPlacedThroughItsScheduleAndKeepsThePublishersCodes() throws Exception {
        pull(Checkpoint.NONE);

        SourceRecord.SlotSeen first = all(SourceRecord.SlotSeen.class).getFirst();
        assertThat(first.siteRef()).isEqualTo("116");
        assertThat(first.serviceCode()).as("Schedule.serviceType, first coding").isEqualTo("57");
        assertThat(first.professionCode()).isNull();
        assertThat(first.modalityCode()).isNull();
        assertThat(first.version()).as("no meta: the manifest transactionTime").isEqualTo(Instant.parse("2023-03-24T20:27:12.613Z").toEpochMilli());
    }

    @Test
    void offsetsAreTrustedAsWrittenAndContradictionsWithTheZoneAreCounted() throws Exception {
        pull(Checkpoint.NONE);

        // "2023-03-24T08:00:00-05:00": 13:00Z as written; New Jersey was at -04:00 that day (12:00Z if reinterpreted).
        SourceRecord.SlotSeen first = all(SourceRecord.SlotSeen.class).getFirst();
        assertThat(first.start()).isEqualTo(Instant.parse("2023-03-24T13:00:00Z"));
        assertThat(first.externalId()).isEqualTo("116|2023-03-24T13:00:00Z");
        assertThat(first.duration()).isEqualTo(Duration.ofHours(14));
        assertThat(connector.offsetContradictions()).as("every start of the recording says -05:00 in daylight time").isEqualTo(1_542);
    }

    @Test
    void aPublisherThatIgnoresSinceAndHasNothingNewGivesNoRecords() throws Exception {
        Outcome first = pull(Checkpoint.NONE);
        records.clear();

        Outcome second = pull(((Outcome.Ok) first).next());

        assertThat(second).isEqualTo(new Outcome.Ok(0, ((Outcome.Ok) first).next(), Outcome.Coverage.CHANGES));
        assertThat(records).isEmpty();
    }

    @Test
    void aNewPublicationFromAPublisherThatIgnoresSinceIsAFullRead() throws Exception {
        Outcome first = pull(Checkpoint.NONE);
        publisher.republishAt("2023-03-24T20:32:12.000Z");
        records.clear();

        Outcome second = pull(((Outcome.Ok) first).next());

        assertThat(second).isEqualTo(new Outcome.Ok(112 + 1_542, new Checkpoint("2023-03-24T20:32:12Z"), Outcome.Coverage.FULL));
        assertThat(all(SourceRecord.SlotSeen.class)).allSatisfy(s ->
                assertThat(s.version()).isEqualTo(Instant.parse("2023-03-24T20:32:12Z").toEpochMilli()));
    }
}
