package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceRecord;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.Replica;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIU pushed by the simulator to the connector's listener: ACK semantics, resends, faults. */
@Timeout(60)
class PushTest {

    private Hl7Harness harness;
    private Replica replica;

    @BeforeEach
    void start() throws Exception {
        harness = new Hl7Harness(SourceSystem.OMNIMED);
        replica = new Replica();
        replica.beginFullRead();
        assertThat(harness.fullSync(replica)).isInstanceOf(Outcome.Ok.class);
        replica.endFullRead();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aMalformedPushIsQuarantinedNackedAndNotResentAndTheNextFullReadRepairsIt() throws Exception {
        harness.inject(Fault.MALFORMED_RECORD);
        String taken = harness.bookAtDesk();

        Outcome outcome = harness.sync(replica);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> assertThat(rejected.reason()).contains("2026-13-45"));
        assertThat(replica.quarantine()).singleElement().satisfies(q -> assertThat(q.externalId()).isEqualTo(taken));
        assertThat(replica.free()).as("nothing of it applied").contains(taken);

        harness.clearFaults();
        assertThat(harness.sync(replica)).as("AE is final: nothing left to resend").isEqualTo(Outcome.Ok.delivered(0));
        replica.beginFullRead();
        harness.fullSync(replica);
        replica.endFullRead();
        assertThat(replica.free()).isEqualTo(harness.freeAtSource()).doesNotContain(taken);
    }

    @Test
    void aBusyStoreGetsARetryNackAndTheMessageIsResentLater() throws Exception {
        String taken = harness.bookAtDesk();

        Outcome busy = harness.sync(batch -> new Outcome.RetryAfter(Duration.ofSeconds(2), "store busy"));

        assertThat(busy).isInstanceOfSatisfying(Outcome.RetryAfter.class, retry -> assertThat(retry.reason()).contains("AR").contains("busy"));
        assertThat(harness.sync(replica)).isEqualTo(Outcome.Ok.delivered(1));
        assertThat(replica.free()).doesNotContain(taken).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aResetMidMessageLeavesTheChangePendingUntilTheNextPush() throws Exception {
        harness.inject(Fault.CONNECTION_RESET);
        String taken = harness.bookAtDesk();
        long before = replica.delivered();

        assertThat(harness.sync(replica)).isInstanceOf(Outcome.RetryAfter.class);
        assertThat(replica.delivered()).as("a cut frame is never delivered").isEqualTo(before);

        harness.clearFaults();
        assertThat(harness.sync(replica)).isEqualTo(Outcome.Ok.delivered(1));
        assertThat(replica.free()).doesNotContain(taken).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aDuplicateIsAckedAgainAndConverges() throws Exception {
        harness.inject(Fault.DUPLICATES);
        List<SourceRecord> seen = new ArrayList<>();
        String taken = harness.bookAtDesk();

        Outcome outcome = harness.sync(batch -> {
            seen.addAll(batch);
            return replica.deliver(batch);
        });

        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        assertThat(seen).filteredOn(SourceRecord.SlotSeen.class::isInstance).hasSize(2)
                .allSatisfy(r -> assertThat(((SourceRecord.SlotSeen) r).externalId()).isEqualTo(taken));
        assertThat(replica.free()).isEqualTo(harness.freeAtSource());
    }

    @Test
    void anOlderChangeArrivingAfterANewerOneIsIgnored() throws Exception {
        String slot = replica.free().iterator().next();
        SimulatedPlatform platform = harness.platform;
        harness.clock.advance(Duration.ofSeconds(1));
        String appointment = ((SimulatedPlatform.BookResult.Booked) platform.book(slot, "desk-1")).appointmentRef();
        harness.clock.advance(Duration.ofSeconds(1));
        platform.cancel(appointment);
        harness.inject(Fault.OUT_OF_ORDER);
        List<Boolean> freeInArrivalOrder = new ArrayList<>();

        harness.sync(batch -> {
            batch.stream().filter(SourceRecord.SlotSeen.class::isInstance).forEach(r -> freeInArrivalOrder.add(((SourceRecord.SlotSeen) r).free()));
            return replica.deliver(batch);
        });

        assertThat(freeInArrivalOrder).as("S15 (newer) first, then S12 Booked").containsExactly(true, false);
        assertThat(replica.free()).contains(slot).isEqualTo(harness.freeAtSource());
        assertThat(platform.slot(slot).map(PlatformSlot::free)).contains(true);
    }
}
