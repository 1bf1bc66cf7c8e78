package ca.careorchestrator.connector.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.BookingConnector;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.careorchestrator.connector.spi.Capability;
import ca.careorchestrator.connector.spi.Outcome;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every connector does against its simulator, faults included. A connector module's test extends
 * this and builds a fresh {@link SourceHarness} per test (simulator on a loopback port, connector pointed
 * at it).
 */
@Timeout(60)
public abstract class ConnectorContract {

    protected SourceHarness harness;
    protected Replica replica;

    /** A simulator with a small, non-empty set of slots and the connector wired to it. */
    protected abstract SourceHarness newHarness() throws Exception;

    @BeforeEach
    void startHarness() throws Exception {
        harness = newHarness();
        replica = new Replica();
    }

    @AfterEach
    void stopHarness() throws Exception {
        harness.close();
    }

    protected Outcome fullSync() throws InterruptedException {
        replica.beginFullRead();
        Outcome outcome = harness.fullSync(replica);
        if (outcome instanceof Outcome.Ok ok && ok.coverage() == Outcome.Coverage.FULL) {
            replica.endFullRead();
        }
        return outcome;
    }

    protected Outcome sync() throws InterruptedException {
        Outcome outcome = harness.sync(replica);
        if (outcome instanceof Outcome.Ok ok && ok.coverage() == Outcome.Coverage.FULL) {
            // A connector may fall back to a full read; the replica treats it as one.
            replica.endFullRead();
        }
        return outcome;
    }

    private void assumeFault(Fault fault) {
        assumeTrue(harness.faults().contains(fault), () -> "this transport cannot suffer " + fault);
    }

    @Test
    void declaresWhatItCanDo() {
        assertThat(harness.connector().capabilities()).contains(Capability.SEARCH);
        boolean booksByApi = harness.connector().capabilities().contains(Capability.BOOK_BY_API);
        assertThat(harness.connector() instanceof BookingConnector).isEqualTo(booksByApi);
    }

    @Test
    void firstFullReadMirrorsTheSource() throws Exception {
        assertThat(fullSync()).isInstanceOf(Outcome.Ok.class);

        assertThat(harness.freeAtSource()).isNotEmpty();
        assertThat(replica.free()).isEqualTo(harness.freeAtSource());
        assertThat(replica.quarantine()).isEmpty();
    }

    @Test
    void aDeskBookingIsSeenOnTheNextSync() throws Exception {
        fullSync();
        String taken = harness.bookAtDesk();

        assertThat(sync()).isInstanceOf(Outcome.Ok.class);

        assertThat(replica.free()).doesNotContain(taken).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aSyncWithNothingNewChangesNothing() throws Exception {
        fullSync();
        Set<String> before = replica.free();

        assertThat(sync()).isInstanceOf(Outcome.Ok.class);

        assertThat(replica.free()).isEqualTo(before);
    }

    @Test
    void aSlotDeletedSilentlyIsNoticedByTheNextFullRead() throws Exception {
        fullSync();
        String deleted = harness.deleteSilently();

        Outcome outcome = fullSync();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Ok.class, ok -> assertThat(ok.coverage()).isEqualTo(Outcome.Coverage.FULL));
        assertThat(replica.free()).doesNotContain(deleted).isEqualTo(harness.freeAtSource());
    }

    @Test
    void duplicatesConverge() throws Exception {
        assumeFault(Fault.DUPLICATES);
        harness.inject(Fault.DUPLICATES);
        fullSync();
        harness.bookAtDesk();
        sync();

        assertThat(replica.free()).isEqualTo(harness.freeAtSource());
    }

    @Test
    void outOfOrderVersionsConverge() throws Exception {
        assumeFault(Fault.OUT_OF_ORDER);
        fullSync();
        harness.inject(Fault.OUT_OF_ORDER);
        String first = harness.bookAtDesk();
        String second = harness.bookAtDesk();
        sync();

        assertThat(replica.free()).doesNotContain(first, second).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aMalformedRecordIsQuarantinedAndTheRestApplied() throws Exception {
        assumeFault(Fault.MALFORMED_RECORD);
        harness.inject(Fault.MALFORMED_RECORD);

        Outcome outcome = fullSync();

        assertThat(replica.quarantine()).isNotEmpty();
        assertThat(replica.quarantine().getFirst().raw()).isNotBlank();
        Set<String> missing = new HashSet<>(harness.freeAtSource());
        missing.removeAll(replica.free());
        // Only what was broken is missing; it is in quarantine, not lost. A push source NACKs that message.
        assertThat(missing.size()).isLessThanOrEqualTo(replica.quarantine().size());
        assertThat(outcome).isInstanceOfAny(Outcome.Ok.class, Outcome.Rejected.class);
    }

    @Test
    void aServerErrorAsksForARetryAndNothingIsLost() throws Exception {
        assumeFault(Fault.SERVER_ERROR);
        fullSync();
        harness.inject(Fault.SERVER_ERROR);
        String taken = harness.bookAtDesk();

        assertThat(sync()).isInstanceOf(Outcome.RetryAfter.class);

        harness.clearFaults();
        assertThat(sync()).isInstanceOf(Outcome.Ok.class);
        assertThat(replica.free()).doesNotContain(taken).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aRateLimitIsHonouredWithTheSourcesDelay() throws Exception {
        assumeFault(Fault.RATE_LIMITED);
        harness.inject(Fault.RATE_LIMITED);

        Outcome outcome = fullSync();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryAfter.class,
                retry -> assertThat(retry.delay()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aResetConnectionAsksForARetry() throws Exception {
        assumeFault(Fault.CONNECTION_RESET);
        harness.inject(Fault.CONNECTION_RESET);

        assertThat(fullSync()).isInstanceOf(Outcome.RetryAfter.class);

        harness.clearFaults();
        assertThat(fullSync()).isInstanceOf(Outcome.Ok.class);
        assertThat(replica.free()).isEqualTo(harness.freeAtSource());
    }

    @Test
    void aSlowSourceStillCompletes() throws Exception {
        assumeFault(Fault.LATENCY);
        harness.inject(Fault.LATENCY);

        assertThat(fullSync()).isInstanceOf(Outcome.Ok.class);
        assertThat(replica.free()).isEqualTo(harness.freeAtSource());
    }

    @Test
    void bookingTakesTheSlotAtTheSourceOnceOnly() throws Exception {
        assumeTrue(harness.booking().isPresent(), "books by phone or deep link");
        BookingConnector booking = harness.booking().orElseThrow();
        fullSync();
        String slot = replica.free().iterator().next();

        BookingAnswer first = booking.book(new BookingCommand(slot, "key-1", SourceHarness.A_PATIENT, null));
        BookingAnswer again = booking.book(new BookingCommand(slot, "key-1", SourceHarness.A_PATIENT, null));
        BookingAnswer other = booking.book(new BookingCommand(slot, "key-2", SourceHarness.A_PATIENT, null));

        assertThat(first).isInstanceOf(BookingAnswer.Booked.class);
        assertThat(again).as("same idempotency key, same answer").isEqualTo(first);
        assertThat(other).as("the source's word wins").isInstanceOf(BookingAnswer.Refused.class);
        assertThat(harness.freeAtSource()).doesNotContain(slot);
    }

    @Test
    void cancellingFreesTheSlotAtTheSource() throws Exception {
        assumeTrue(harness.connector().capabilities().contains(Capability.CANCEL_BY_API), "cancels by phone");
        BookingConnector booking = harness.booking().orElseThrow();
        fullSync();
        String slot = replica.free().iterator().next();
        BookingAnswer.Booked booked = (BookingAnswer.Booked) booking.book(new BookingCommand(slot, "key-3", SourceHarness.A_PATIENT, null));

        BookingAnswer cancelled = booking.cancel(new CancelCommand(slot, booked.sourceAppointmentRef(), "cancel-3", "patient"));

        assertThat(cancelled).isInstanceOf(BookingAnswer.Cancelled.class);
        assertThat(harness.freeAtSource()).contains(slot);
    }

    @Test
    void bookingAnUnreachableSourceIsRetriedOrUnknownNeverBooked() throws Exception {
        assumeTrue(harness.booking().isPresent(), "books by phone or deep link");
        assumeTrue(harness.faults().contains(Fault.SERVER_ERROR) || harness.faults().contains(Fault.CONNECTION_RESET));
        fullSync();
        String slot = replica.free().iterator().next();
        harness.inject(harness.faults().contains(Fault.SERVER_ERROR) ? Fault.SERVER_ERROR : Fault.CONNECTION_RESET);

        BookingAnswer answer = harness.booking().orElseThrow().book(new BookingCommand(slot, "key-4", SourceHarness.A_PATIENT, null));

        assertThat(answer).isInstanceOfAny(BookingAnswer.RetryAfter.class, BookingAnswer.Unknown.class);
    }
}
