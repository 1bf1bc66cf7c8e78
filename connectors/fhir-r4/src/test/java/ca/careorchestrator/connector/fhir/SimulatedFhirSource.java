package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.fhir.FhirSimulator;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The FHIR connector wired to a {@link FhirSimulator} of one system on a loopback port: the first
 * {@code clinics} clinics of Estrie (of the province for Dialogue) that publish through it, one week, on the real clock (the simulator stamps
 * meta.lastUpdated from it, and the connector's checkpoint comes from the server).
 */
final class SimulatedFhirSource implements SourceHarness {

    private static Province region;
    private static Province province;

    final SimulatedPlatform platform;
    final FhirSimulator simulator;
    final FhirR4Connector connector;
    private final SplittableRandom random = new SplittableRandom(7);
    private Checkpoint checkpoint = Checkpoint.NONE;

    SimulatedFhirSource(SourceSystem system, int clinics) throws Exception {
        Province province = system == SourceSystem.DIALOGUE ? province() : region();
        Set<ClinicId> kept = province.clinics().stream().filter(c -> c.systems().contains(system)).limit(clinics)
                .map(Clinic::id).collect(Collectors.toSet());
        platform = SimulatedPlatform.of(province, system, Clock.systemUTC(), clinic -> kept.contains(clinic.id()));
        simulator = new FhirSimulator(platform, 0);
        simulator.start();
        connector = (FhirR4Connector) new FhirR4ConnectorFactory().create(new SourceConfig(system, simulator.endpoint(),
                simulator.connectorSettings(), Duration.ofSeconds(10), Clock.systemUTC()));
    }

    /** Estrie, one week: generated once per test JVM (about two seconds). */
    static synchronized Province region() {
        if (region == null) {
            region = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, LocalDate.of(2026, 11, 23), 1));
        }
        return region;
    }

    /** The whole province, one week (about two seconds): Dialogue's virtual clinics are in no single region. */
    static synchronized Province province() {
        if (province == null) {
            province = ProvinceGenerator.generate(new ProvinceSpec(Preset.PROVINCE, ProvinceSpec.DEFAULT_SEED, LocalDate.of(2026, 11, 23), 1));
        }
        return province;
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
        return platform.freeExternalIds();
    }

    @Override
    public String bookAtDesk() {
        return platform.bookAtDesk(random).orElseThrow().externalId();
    }

    @Override
    public String deleteSilently() {
        return platform.deleteSilently(random).orElseThrow().externalId();
    }

    @Override
    public Outcome sync(RecordSink sink) throws InterruptedException {
        return remember(((PullConnector) connector).pull(checkpoint, sink));
    }

    @Override
    public Outcome fullSync(RecordSink sink) throws InterruptedException {
        return remember(((PullConnector) connector).pull(Checkpoint.NONE, sink));
    }

    Checkpoint checkpoint() {
        return checkpoint;
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
