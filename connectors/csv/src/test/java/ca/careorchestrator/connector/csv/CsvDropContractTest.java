package ca.careorchestrator.connector.csv;

import ca.careorchestrator.connector.spi.Checkpoint;
import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.Outcome;
import ca.careorchestrator.connector.spi.PullConnector;
import ca.careorchestrator.connector.spi.RecordSink;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.Fault;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.csv.OscarCsvSimulator;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.PlatformSlot;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract kit against the OSCAR-QC simulator writing Latin-1 exports into a real folder: a sync is an
 * export then a pull. A folder cannot be slow, fail with 5xx, rate-limit or reset, so those tests are skipped.
 */
class CsvDropContractTest extends ConnectorContract {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 26);
    static final Province PROVINCE = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, FIRST_DAY, 1));
    static final Clock CLOCK = Clock.fixed(FIRST_DAY.atStartOfDay(ZoneId.of("America/Montreal")).minusHours(1).toInstant(), ZoneOffset.UTC);

    @TempDir
    Path drop;

    @Override
    protected SourceHarness newHarness() throws Exception {
        Set<ClinicId> kept = PROVINCE.clinics().stream().filter(c -> c.systems().contains(SourceSystem.OSCAR_QC)).limit(2)
                .map(Clinic::id).collect(Collectors.toSet());
        SimulatedPlatform platform = SimulatedPlatform.of(PROVINCE, SourceSystem.OSCAR_QC, CLOCK, c -> kept.contains(c.id()));
        OscarCsvSimulator simulator = new OscarCsvSimulator(platform, drop, StandardCharsets.ISO_8859_1);
        simulator.start();
        SourceConfig config = new SourceConfig(SourceSystem.OSCAR_QC, simulator.endpoint(), simulator.connectorSettings(),
                Duration.ofSeconds(10), CLOCK);
        return new Harness(simulator, (PullConnector) new CsvDropConnectorFactory().create(config));
    }

    private static final class Harness implements SourceHarness {
        private final OscarCsvSimulator simulator;
        private final PullConnector connector;
        private final SplittableRandom random = new SplittableRandom(11);
        private Checkpoint checkpoint = Checkpoint.NONE;

        Harness(OscarCsvSimulator simulator, PullConnector connector) {
            this.simulator = simulator;
            this.connector = connector;
        }

        @Override
        public Connector connector() {
            return connector;
        }

        @Override
        public Set<Fault> faults() {
            return EnumSet.of(Fault.MALFORMED_RECORD, Fault.DUPLICATES, Fault.OUT_OF_ORDER);
        }

        @Override
        public void inject(Fault fault) {
            simulator.platform().faults().add(FaultMode.valueOf(fault.name()));
        }

        @Override
        public void clearFaults() {
            simulator.platform().faults().clear();
        }

        @Override
        public Set<String> freeAtSource() {
            return simulator.platform().freeExternalIds();
        }

        @Override
        public String bookAtDesk() {
            return simulator.platform().bookAtDesk(random).map(PlatformSlot::externalId).orElseThrow();
        }

        @Override
        public String deleteSilently() {
            return simulator.platform().deleteSilently(random).map(PlatformSlot::externalId).orElseThrow();
        }

        @Override
        public Outcome sync(RecordSink sink) throws InterruptedException {
            export();
            return remember(connector.pull(checkpoint, sink));
        }

        @Override
        public Outcome fullSync(RecordSink sink) throws InterruptedException {
            export();
            return remember(connector.pull(Checkpoint.NONE, sink));
        }

        private void export() {
            try {
                simulator.export();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
}
