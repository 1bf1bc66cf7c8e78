package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.SourceSystem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Measures push latency (send to ACK, one MLLP connection, a sink that only counts) for 1,000 SIU^S12 and prints
 * it. Timings are printed, never asserted: they depend on the machine.
 */
class PushLatencyTest {

    private static final int MESSAGES = 1_000;
    private static final int WARM_UP = 200;

    @Test
    void aThousandPushedMessagesAreEachAckedAndTheirLatencyIsPrinted() throws Exception {
        AtomicLong applied = new AtomicLong();
        try (Hl7v2Connector connector = new Hl7v2Connector(new SourceConfig(SourceSystem.LOGIBEC, URI.create("mllp://127.0.0.1:9"),
                Map.of(), Duration.ofSeconds(5), Clock.systemUTC()))) {
            connector.listen(batch -> {
                applied.addAndGet(batch.size());
                return Outcome.Ok.delivered(batch.size());
            });
            try (MllpClient client = MllpClient.connect(URI.create(connector.address()), Duration.ofSeconds(5), StandardCharsets.UTF_8)) {
                for (int i = 0; i < WARM_UP; i++) {
                    client.exchange(siu(-1 - i), StandardCharsets.UTF_8);
                }
                long[] nanos = new long[MESSAGES];
                int acked = 0;
                for (int i = 0; i < MESSAGES; i++) {
                    String message = siu(i);
                    long sent = System.nanoTime();
                    String ack = client.exchange(message, StandardCharsets.UTF_8);
                    nanos[i] = System.nanoTime() - sent;
                    acked += ack.contains("MSA|AA|") ? 1 : 0;
                }
                Arrays.sort(nanos);
                System.out.printf("HL7v2 push latency, %d SIU^S12 over one MLLP connection on loopback (%s, %d cores, JDK %s):"
                        + " median %.3f ms, p99 %.3f ms, max %.3f ms%n", MESSAGES, System.getProperty("os.arch"),
                        Runtime.getRuntime().availableProcessors(), Runtime.version(), nanos[MESSAGES / 2] / 1e6,
                        nanos[MESSAGES * 99 / 100] / 1e6, nanos[MESSAGES - 1] / 1e6);
                assertThat(acked).isEqualTo(MESSAGES);
                assertThat(applied.get()).isEqualTo(2L * (MESSAGES + WARM_UP));
            }
        }
    }

    private static String siu(int n) {
        return "MSH|^~\\&|LOGIBEC-GRM|LOGIBEC|CAREORCH|QC|20261123093000." + String.format("%03d", Math.floorMod(n, 1000))
                + "-0500||SIU^S12^SIU_S12|LGB" + n + "|P|2.5.1|||||||UNICODE UTF-8\r"
                + "SCH||12\\S\\345\\S\\" + (29_000_000 + n) + "|||||||15|MIN|^^^20261124100000-0500^20261124101500-0500||||||||||||||Open\r"
                + "RGS|1\rAIS|1||SUIVI|20261124100000-0500|||15|MIN\rAIP|1||P345|MD\rAIL|1||^^^CL12^^C^^^Clinique de l'Estrie|CL\r";
    }
}
