package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.SourceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.time.ZoneId;

/**
 * The connector's settings (README.md, "Settings"), read once from {@link SourceConfig#settings()}.
 *
 * @param listenHost    {@code mllp.listen-host}: where the push listener binds (default 127.0.0.1)
 * @param listenPort    {@code mllp.listen-port}: its port; 0 picks a free one (default 0)
 * @param charset       {@code mllp.charset}: for messages whose MSH-18 is empty (default UTF-8)
 * @param zone          {@code hl7.zone}: the source's wall clock, for timestamps without offset (default America/Montreal)
 * @param version       {@code hl7.version}: MSH-12 of what we send (SQM, SRM; default 2.5.1)
 * @param pageSize      {@code mllp.query-page-size}: QRD-7 records per SQR^S25 page (default 500)
 * @param application   {@code hl7.application}: our MSH-3 (default CAREORCH)
 * @param facility      {@code hl7.facility}: our MSH-4 (default QC)
 */
record Settings(InetAddress listenHost, int listenPort, Charset charset, ZoneId zone, String version, int pageSize,
        String application, String facility) {

    static Settings of(SourceConfig config) {
        try {
            return new Settings(
                    InetAddress.getByName(config.setting("mllp.listen-host", "127.0.0.1")),
                    Integer.parseInt(config.setting("mllp.listen-port", "0")),
                    Charset.forName(config.setting("mllp.charset", "UTF-8")),
                    ZoneId.of(config.setting("hl7.zone", "America/Montreal")),
                    config.setting("hl7.version", "2.5.1"),
                    Integer.parseInt(config.setting("mllp.query-page-size", "500")),
                    config.setting("hl7.application", "CAREORCH"),
                    config.setting("hl7.facility", "QC"));
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("HL7v2 source " + config.system() + ": bad setting: " + e.getMessage(), e);
        }
    }
}
