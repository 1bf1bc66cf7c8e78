package ca.careorchestrator.simulator.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated HL7 interface seen from a raw MLLP socket, without the connector. */
@Timeout(60)
class Hl7SimulatorTest {

    private static final Province ESTRIE = ProvinceGenerator.generate(
            new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, LocalDate.of(2026, 11, 23), 1));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    private Hl7Simulator simulator(SourceSystem system) throws IOException {
        String first = ESTRIE.clinics().stream().filter(c -> c.systems().contains(system)).findFirst().orElseThrow().id().toString();
        SimulatedPlatform platform = SimulatedPlatform.of(ESTRIE, system, CLOCK, c -> c.id().toString().equals(first));
        Hl7Simulator simulator = new Hl7Simulator(platform, 0);
        simulator.start();
        closing.add(simulator);
        return simulator;
    }

    private String exchange(Socket socket, String message) throws IOException {
        MllpFrames.write(socket.getOutputStream(), message.getBytes(StandardCharsets.UTF_8));
        byte[] answer = MllpFrames.read(new BufferedInputStream(socket.getInputStream()));
        return new String(answer, MllpFrames.charsetOf(answer));
    }

    private Socket connect(Hl7Simulator simulator) throws IOException {
        Socket socket = new Socket(simulator.endpoint().getHost(), simulator.endpoint().getPort());
        socket.setSoTimeout(5_000);
        closing.add(socket);
        return socket;
    }

    private static String field(String message, String segment, int n) {
        for (String s : message.split("\r")) {
            if (s.startsWith(segment + "|")) {
                String[] fields = s.split("\\|", -1);
                int index = segment.equals("MSH") ? n - 1 : n;
                return index < fields.length ? fields[index] : "";
            }
        }
        return null;
    }

    @Test
    void aScheduleQueryIsAnsweredInPagesThatListEverySlotOnce() throws Exception {
        Hl7Simulator simulator = simulator(SourceSystem.LOGIBEC);
        Socket socket = connect(simulator);
        Set<String> ids = new HashSet<>();
        String pointer = null;
        int pages = 0;
        do {
            String sqm = "MSH|^~\\&|CAREORCH|QC|||20261123070000||SQM^S25^SQM_S25|Q" + pages + "|P|2.5.1\r"
                    + "QRD|20261123070000|R|I|Q-1|||25^RD|ALL|SAL\r" + (pointer == null ? "" : "DSC|" + pointer + "|I\r");
            String sqr = exchange(socket, sqm);
            assertThat(field(sqr, "MSA", 1)).isEqualTo("AA");
            assertThat(field(sqr, "MSH", 12)).isEqualTo("2.5.1");
            for (String segment : sqr.split("\r")) {
                if (segment.startsWith("SCH|")) {
                    assertThat(ids.add(segment.split("\\|")[2])).isTrue();
                }
            }
            pointer = field(sqr, "DSC", 1);
            pages++;
        } while (pointer != null && !pointer.isEmpty());

        assertThat(pages).isGreaterThan(2);
        assertThat(ids).hasSize(simulator.platform().size());
        // SCH-2 EI-1 holds the whole platform id; its '^' is escaped, as HL7 requires.
        assertThat(ids).allMatch(id -> id.contains("\\S\\"));
    }

    @Test
    void aRepeatedBookingRequestGetsTheSameAnswerAndAnotherKeyIsRefused() throws Exception {
        Hl7Simulator simulator = simulator(SourceSystem.OMNIMED);
        Socket socket = connect(simulator);
        String slot = simulator.platform().freeExternalIds().iterator().next().replace("^", "\\S\\");
        Function<String, String> srm = key -> "MSH|^~\\&|CAREORCH|QC|||20261123070000||SRM^S01^SRM_S01|" + key + "|P|2.4\r"
                + "ARQ|" + key + "|" + slot + "\rPID|1||patient-1^^^CAREORCH^PI||Tremblay^Camille||19840309\rRGS|1\r";

        String first = exchange(socket, srm.apply("book-1"));
        String again = exchange(socket, srm.apply("book-1"));
        String other = exchange(socket, srm.apply("book-2"));

        assertThat(field(first, "MSA", 1)).isEqualTo("AA");
        assertThat(again).isEqualTo(first);
        assertThat(field(other, "MSA", 1)).isEqualTo("AE");
        assertThat(field(other, "MSA", 3)).isEqualTo("slot already booked");
        assertThat(field(other, "ERR", 1)).as("2.4: ERR-1, not ERR-3").contains("207");
    }

    @Test
    void somethingOtherThanAQueryOrARequestIsRejectedAsUnsupported() throws Exception {
        Hl7Simulator simulator = simulator(SourceSystem.KINLOGIX);
        String answer = exchange(connect(simulator), "MSH|^~\\&|CAREORCH|QC|||20261123070000||ADT^A01|A1|P|2.5\rPID|1\r");

        assertThat(field(answer, "MSA", 1)).isEqualTo("AR");
        assertThat(field(answer, "ERR", 3)).startsWith("200");
    }

    @Test
    void eachSystemWritesItsOwnVersionAndCharset() throws Exception {
        assertThat(Hl7Profile.of(SourceSystem.MEDESYNC)).satisfies(p -> {
            assertThat(p.version()).isEqualTo("2.3");
            assertThat(p.hasStructure()).isFalse();
            assertThat(p.charsetName()).isEqualTo("8859/1");
        });
        Receiver receiver = receiver(controlId -> "MSA|AA|" + controlId);
        Hl7Simulator simulator = simulator(SourceSystem.MEDESYNC);
        simulator.pushTo(receiver.address());

        PushReport report = simulator.pushAll();

        assertThat(report.clean()).isTrue();
        assertThat(report.accepted()).isEqualTo(simulator.platform().size());
        String first = receiver.messages.getFirst();
        assertThat(field(first, "MSH", 9)).isEqualTo("SIU^S12");
        assertThat(field(first, "MSH", 12)).isEqualTo("2.3");
        assertThat(field(first, "MSH", 18)).isEqualTo("8859/1");
        assertThat(field(first, "SCH", 25)).isIn("Open", "Booked");
    }

    @Test
    void aPushWaitsForEachAckAndResendsTheSameMessageAfterAnAr() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>(List.of("AR", "AA"));
        Receiver receiver = receiver(controlId -> "MSA|" + (answers.isEmpty() ? "AA" : answers.removeFirst()) + "|" + controlId + "|busy");
        Hl7Simulator simulator = simulator(SourceSystem.MYLE);
        simulator.pushTo(receiver.address());
        simulator.platform().bookAtDesk(new SplittableRandom(1));

        PushReport report = simulator.pushPending();

        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(receiver.messages).hasSize(2);
        assertThat(receiver.messages.get(1)).as("same MSH-10 and MSH-7").isEqualTo(receiver.messages.get(0));
        assertThat(field(receiver.messages.getFirst(), "SCH", 25)).isEqualTo("Booked");
    }

    @Test
    void aMessageAnsweredAeIsReportedAndNotResent() throws Exception {
        Receiver receiver = receiver(controlId -> "MSA|AE|" + controlId + "|no such clinic");
        Hl7Simulator simulator = simulator(SourceSystem.LOGIBEC);
        simulator.pushTo(receiver.address());
        simulator.platform().withdrawAtDesk(new SplittableRandom(1));

        PushReport first = simulator.pushPending();
        PushReport second = simulator.pushPending();

        assertThat(first.rejections()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("no such clinic"));
        assertThat(field(first.rejections().getFirst().message(), "MSH", 9)).isEqualTo("SIU^S17^SIU_S12");
        assertThat(second.clean()).isTrue();
        assertThat(receiver.messages).hasSize(1);
    }

    @Test
    void aPushWithNobodyListeningKeepsTheChangePending() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Hl7Simulator simulator = simulator(SourceSystem.OMNIMED);
        simulator.pushTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
        simulator.platform().bookAtDesk(new SplittableRandom(1));

        PushReport report = simulator.pushPending();

        assertThat(report.failure()).isNotNull();
        assertThat(report.pending()).isEqualTo(1);
    }

    /** A stand-in for the orchestrator's listener: records what it gets and answers with {@code msa(controlId)}. */
    private record Receiver(ServerSocket server, List<String> messages) implements AutoCloseable {
        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private Receiver receiver(Function<String, String> msa) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Receiver receiver = new Receiver(server, new CopyOnWriteArrayList<>());
        closing.add(receiver);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    byte[] frame;
                    while ((frame = MllpFrames.read(in)) != null) {
                        String message = new String(frame, MllpFrames.charsetOf(frame));
                        receiver.messages().add(message);
                        String ack = "MSH|^~\\&|CAREORCH|QC|||20261123070000||ACK|A1|P|2.5.1\r" + msa.apply(field(message, "MSH", 10)) + "\r";
                        MllpFrames.write(out, ack.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            }
        });
        return receiver;
    }
}
