package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.BookingAnswer;
import ca.careorchestrator.connector.spi.BookingCommand;
import ca.careorchestrator.connector.spi.CancelCommand;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SRM^S01/S04 against the simulator's filler, and against sources that are down or silent. */
@Timeout(60)
class BookingTest {

    private static BookingCommand booking(String slot, String key) {
        return new BookingCommand(slot, key, SourceHarness.A_PATIENT, null);
    }

    @Test
    void aSlotTakenAtTheDeskIsRefusedWithTheSourcesReason() throws Exception {
        try (Hl7Harness harness = new Hl7Harness(SourceSystem.MEDESYNC)) {
            String taken = harness.bookAtDesk();

            BookingAnswer answer = harness.connector.book(booking(taken, "desk-race-1"));

            assertThat(answer).isInstanceOfSatisfying(BookingAnswer.Refused.class, r -> assertThat(r.reason()).isEqualTo("slot already booked"));
        }
    }

    @Test
    void aBookingCarriesTheServiceAndThePatientsHealthInsuranceNumberAndIsCancelledByItsAppointmentId() throws Exception {
        try (Hl7Harness harness = new Hl7Harness(SourceSystem.KINLOGIX)) {
            String slot = harness.freeAtSource().iterator().next();
            var patient = new ca.careorchestrator.connector.spi.BookingPatient("patient-9", "Côté", "Hélène",
                    java.time.LocalDate.of(1950, 1, 2), "COTH50510299");

            BookingAnswer booked = harness.connector.book(new BookingCommand(slot, "with-nam-1", patient, "SUIVI"));

            assertThat(booked).isInstanceOf(BookingAnswer.Booked.class);
            String appointment = ((BookingAnswer.Booked) booked).sourceAppointmentRef();
            assertThat(harness.freeAtSource()).doesNotContain(slot);
            assertThat(harness.connector.cancel(new CancelCommand(slot, appointment, "cancel-with-nam-1", "patient")))
                    .isEqualTo(new BookingAnswer.Cancelled(appointment));
            assertThat(harness.freeAtSource()).contains(slot);
        }
    }

    @Test
    void cancellingAnAppointmentTheSourceDoesNotKnowIsRefused() throws Exception {
        try (Hl7Harness harness = new Hl7Harness(SourceSystem.MYLE)) {
            BookingAnswer answer = harness.connector.cancel(new CancelCommand("1^2^3", "no-such-appt", "cancel-x", "patient"));

            assertThat(answer).isInstanceOfSatisfying(BookingAnswer.Refused.class, r -> assertThat(r.reason()).isEqualTo("no such appointment"));
        }
    }

    @Test
    void aLongIdempotencyKeyIsSentAsTheSameDigestSoTheRetryGetsTheSameAnswer() throws Exception {
        try (Hl7Harness harness = new Hl7Harness(SourceSystem.LOGIBEC)) {
            String slot = harness.freeAtSource().iterator().next();
            String key = "booking/7f9c2b1e-8d4a-4c55-9b0e-2d1f6a3c9e77";

            BookingAnswer first = harness.connector.book(booking(slot, key));
            BookingAnswer retried = harness.connector.book(booking(slot, key));

            assertThat(first).isInstanceOf(BookingAnswer.Booked.class);
            assertThat(retried).isEqualTo(first);
            assertThat(Outgoing.controlId(key)).hasSize(20).isEqualTo(Outgoing.controlId(key));
        }
    }

    @Test
    void aSlowSourceStillBooks() throws Exception {
        try (Hl7Harness harness = new Hl7Harness(SourceSystem.OMNIMED)) {
            harness.inject(Fault.LATENCY);
            String slot = harness.freeAtSource().iterator().next();

            assertThat(harness.connector.book(booking(slot, "slow-1"))).isInstanceOf(BookingAnswer.Booked.class);
        }
    }

    @Test
    void bookingASourceThatRefusesConnectionsIsRetriedLaterNotUnknown() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (Hl7v2Connector connector = connector(closedPort, Duration.ofSeconds(2))) {
            assertThat(connector.book(booking("1^2^3", "down-1"))).isInstanceOf(BookingAnswer.RetryAfter.class);
        }
    }

    @Test
    void aSourceThatTakesTheRequestAndNeverAnswersLeavesTheBookingUnknown() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Hl7v2Connector connector = connector(silent.getLocalPort(), Duration.ofMillis(400))) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try (Socket socket = silent.accept(); InputStream in = socket.getInputStream()) {
                    in.readAllBytes();
                } catch (java.io.IOException e) {
                    // the connector gave up and closed: expected
                }
            });

            assertThat(connector.book(booking("1^2^3", "silent-1"))).isInstanceOf(BookingAnswer.Unknown.class);
            reader.join(2_000);
        }
    }

    private static Hl7v2Connector connector(int port, Duration timeout) {
        return new Hl7v2Connector(new SourceConfig(SourceSystem.LOGIBEC, URI.create("mllp://127.0.0.1:" + port), Map.of(), timeout,
                Clock.systemUTC()));
    }
}
