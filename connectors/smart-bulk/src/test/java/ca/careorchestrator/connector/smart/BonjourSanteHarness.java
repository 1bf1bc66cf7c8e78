package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.contract.MutableClock;
import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import ca.careorchestrator.simulator.smart.BonjourSanteSimulator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The SMART connector against a Bonjour Santé simulator on 127.0.0.1 (1 week, the first two Bonjour Santé
 * clinics of Estrie). Time is simulated: desk changes happen a minute apart, and an incremental sync comes
 * after the manifest's {@code max-age} (60 s), as the runtime's poll interval would.
 */
final class BonjourSanteHarness implements SourceHarness {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);
    private static Province province;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-04T14:00:00Z"));
    final SimulatedPlatform platform;
    final BonjourSanteSimulator simulator;
    final SmartBulkConnector connector;
    private final SplittableRandom random = new SplittableRandom(7);
    private Checkpoint checkpoint = Checkpoint.NONE;

    BonjourSanteHarness() throws IOException {
        Province estrie = province();
        Set<Object> kept = new java.util.HashSet<>();
        platform = SimulatedPlatform.of(estrie, SourceSystem.BONJOUR_SANTE, clock, clinic -> {
            synchronized (kept) {
                return kept.contains(clinic.id()) || (kept.size() < 2 && kept.add(clinic.id()));
            }
        });
        // Published a second before the first read, as a live platform would be.
        clock.advance(Duration.ofSeconds(1));
        simulator = new BonjourSanteSimulator(estrie, platform, 0);
        simulator.start();
        connector = new SmartBulkConnector(new SourceConfig(SourceSystem.BONJOUR_SANTE, simulator.endpoint(),
                simulator.connectorSettings(), Duration.ofSeconds(10), clock));
    }

    /** Estrie, one week, generated once for every harness (about two seconds). */
    static synchronized Province province() {
        if (province == null) {
            province = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, FIRST_DAY, 1));
        }
        return province;
    }

    /** The connector's external id for a slot of the platform: Slot.id, "|", start instant (README). */
    static String externalId(PlatformSlot slot) {
        return BonjourSanteSimulator.slotResourceId(slot) + "|" + slot.start();
    }

    @Override
    public Connector connector() {
        return connector;
    }

    @Override
    public Set<Fault> faults() {
        return EnumSet.allOf(Fault.class);
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
        Set<String> free = new TreeSet<>();
        platform.forEachSlot(slot -> {
            if (slot.free()) {
                free.add(externalId(slot));
            }
        });
        return free;
    }

    @Override
    public String bookAtDesk() {
        clock.advance(Duration.ofMinutes(1));
        return externalId(platform.bookAtDesk(random).orElseThrow());
    }

    @Override
    public String deleteSilently() {
        clock.advance(Duration.ofMinutes(1));
        return externalId(platform.deleteSilently(random).orElseThrow());
    }

    @Override
    public Outcome sync(RecordSink sink) throws InterruptedException {
        clock.advance(Duration.ofSeconds(61));
        return remember(connector.pull(checkpoint, sink));
    }

    @Override
    public Outcome fullSync(RecordSink sink) throws InterruptedException {
        return remember(connector.pull(Checkpoint.NONE, sink));
    }

    private Outcome remember(Outcome outcome) {
        if (outcome instanceof Outcome.Ok ok) {
            checkpoint = ok.next();
        }
        return outcome;
    }

    @Override
    public void close() {
        connector.close();
        simulator.close();
    }
}
