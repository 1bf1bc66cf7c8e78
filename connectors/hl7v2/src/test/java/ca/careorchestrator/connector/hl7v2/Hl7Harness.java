package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.contract.MutableClock;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.hl7.Hl7Simulator;
import ca.careorchestrator.simulator.hl7.PushReport;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.careorchestrator.simulator.province.Preset;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connector and an {@link Hl7Simulator} wired over loopback both ways: the simulator pushes SIU to the
 * connector's listener, the connector queries and books on the simulator's MLLP server.
 */
final class Hl7Harness implements SourceHarness {

    static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static Province province;

    final MutableClock clock = new MutableClock(START);
    final SimulatedPlatform platform;
    final Hl7Simulator simulator;
    final Hl7v2Connector connector;
    private final AtomicReference<RecordSink> sink = new AtomicReference<>(batch -> Outcome.Ok.delivered(batch.size()));
    private final SplittableRandom random = new SplittableRandom(7);

    /** Region Estrie, one week, generated once (about two seconds) for every harness. */
    static synchronized Province province() {
        if (province == null) {
            province = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, LocalDate.of(2026, 11, 23), 1));
        }
        return province;
    }

    Hl7Harness(SourceSystem system) throws Exception {
        this(system, Map.of());
    }

    /** With connector settings of the test's own ({@code mllp.query-page-size}, ...). */
    Hl7Harness(SourceSystem system, Map<String, String> extraSettings) throws Exception {
        String firstClinic = province().clinics().stream().filter(c -> c.systems().contains(system)).findFirst().orElseThrow().id().toString();
        platform = SimulatedPlatform.of(province(), system, clock, clinic -> clinic.id().toString().equals(firstClinic));
        simulator = new Hl7Simulator(platform, 0);
        simulator.start();
        Map<String, String> settings = new HashMap<>(simulator.connectorSettings());
        settings.put("mllp.listen-port", "0");
        settings.putAll(extraSettings);
        connector = new Hl7v2Connector(new SourceConfig(system, simulator.endpoint(), settings, Duration.ofSeconds(5), clock));
        connector.listen(batch -> sink.get().deliver(batch));
        simulator.pushTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), connector.localPort()));
    }

    @Override
    public Connector connector() {
        return connector;
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.of(Fault.LATENCY, Fault.CONNECTION_RESET, Fault.MALFORMED_RECORD, Fault.DUPLICATES, Fault.OUT_OF_ORDER);
    }

    @Override
    public void inject(Fault fault) {
        platform.faults().add(FaultMode.valueOf(fault.name()));
    }

    @Override
    public void clearFaults() {
        platform.faults().clear();
    }

    @Override
    public Set<String> freeAtSource() {
        return platform.freeExternalIds();
    }

    @Override
    public String bookAtDesk() {
        clock.advance(Duration.ofSeconds(1));
        return platform.bookAtDesk(random).map(PlatformSlot::externalId).orElseThrow();
    }

    @Override
    public String deleteSilently() {
        clock.advance(Duration.ofSeconds(1));
        return platform.deleteSilently(random).map(PlatformSlot::externalId).orElseThrow();
    }

    /** The simulator pushes what changed, synchronously, each message waiting for its ACK. */
    @Override
    public Outcome sync(RecordSink target) throws InterruptedException {
        sink.set(target);
        PushReport report = simulator.pushPending();
        if (report.failure() != null) {
            return new Outcome.RetryAfter(Duration.ofSeconds(1), report.failure());
        }
        if (!report.rejections().isEmpty()) {
            PushReport.Rejection first = report.rejections().getFirst();
            return new Outcome.Rejected(null, first.reason(), first.message());
        }
        return Outcome.Ok.delivered(report.accepted());
    }

    /** The simulator publishes every slot (SIU^S12 Open or Booked) to {@code target}. */
    PushReport pushAll(RecordSink target) throws InterruptedException {
        sink.set(target);
        return simulator.pushAll();
    }

    /** A full read: SQM^S25 and its SQR^S25 pages. */
    @Override
    public Outcome fullSync(RecordSink target) throws InterruptedException {
        return connector.pull(ca.careorchestrator.connector.spi.Checkpoint.NONE, target);
    }

    @Override
    public void close() {
        connector.close();
        simulator.close();
    }
}
