package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.contract.Replica;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.hl7.PushReport;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each HL7 system's simulator (its own version 2.3 to 2.5.1, its own charset) read by the one connector. */
@Timeout(60)
class Hl7SystemsTest {

    @ParameterizedTest
    @EnumSource(value = SourceSystem.class, names = {"LOGIBEC", "KINLOGIX", "MEDESYNC", "MYLE", "OMNIMED"})
    void aPagedFullReadMirrorsEverySlotWithItsCodesAndSite(SourceSystem system) throws Exception {
        try (Hl7Harness harness = new Hl7Harness(system, Map.of("mllp.query-page-size", "40"))) {
            List<SourceRecord> records = new ArrayList<>();
            Outcome outcome = harness.connector.pull(Checkpoint.NONE, batch -> {
                records.addAll(batch);
                return Outcome.Ok.delivered(batch.size());
            });

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
            List<PlatformSlot> slots = harness.platform.slots();
            assertThat(slots.size()).as("several pages").isGreaterThan(80);
            Map<String, SourceRecord.SlotSeen> seen = new HashMap<>();
            records.stream().filter(SourceRecord.SlotSeen.class::isInstance).map(SourceRecord.SlotSeen.class::cast)
                    .forEach(slot -> assertThat(seen.put(slot.externalId(), slot)).as("each slot once").isNull());
            assertThat(seen).hasSize(slots.size());
            for (PlatformSlot slot : slots) {
                SourceRecord.SlotSeen read = seen.get(slot.externalId());
                assertThat(read.free()).isEqualTo(slot.free());
                assertThat(read.start()).isEqualTo(slot.start());
                assertThat(read.duration()).isEqualTo(slot.duration());
                assertThat(read.siteRef()).isEqualTo(slot.siteRef());
                assertThat(read.professionalRef()).isEqualTo(slot.professionalRef());
                assertThat(read.professionCode()).isEqualTo(slot.professionCode());
                assertThat(read.serviceCode()).isEqualTo(slot.serviceCode());
                assertThat(read.modalityCode()).isEqualTo(slot.modalityCode());
            }
            Clinic clinic = harness.platform.clinics().getFirst();
            // AIL-3.9 carries the clinic's name: exact in UTF-8 (2.5+); in ISO-8859-1 (2.3-2.4) accents survive, en dashes
            // become plain ones (a Latin-1 system never held them).
            boolean latin1 = harness.simulator.version().compareTo("2.5") < 0;
            String expected = latin1 ? clinic.name().replace('\u2013', '-') : clinic.name();
            assertThat(records).filteredOn(SourceRecord.SiteSeen.class::isInstance).map(r -> ((SourceRecord.SiteSeen) r).name())
                    .containsOnly(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SourceSystem.class, names = {"LOGIBEC", "KINLOGIX", "MEDESYNC", "MYLE", "OMNIMED"})
    void pushedBookingsCancellationsAndWithdrawalsConvergeOnTheSource(SourceSystem system) throws Exception {
        try (Hl7Harness harness = new Hl7Harness(system, Map.of())) {
            Replica replica = new Replica();
            PushReport all = harness.pushAll(replica);
            assertThat(all.clean()).as(all.toString()).isTrue();
            assertThat(replica.free()).isEqualTo(harness.freeAtSource());

            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < 5; i++) {
                harness.clock.advance(Duration.ofMinutes(1));
                harness.platform.bookAtDesk(random);
                harness.platform.cancelAtDesk(random);
                harness.platform.withdrawAtDesk(random);
            }
            assertThat(harness.sync(replica)).isInstanceOf(Outcome.Ok.class);

            assertThat(replica.free()).isEqualTo(harness.freeAtSource());
            assertThat(replica.quarantine()).isEmpty();
        }
    }
}
