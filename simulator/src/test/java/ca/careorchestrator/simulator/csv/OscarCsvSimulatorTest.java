package ca.careorchestrator.simulator.csv;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.SourceSystem;
import ca.careorchestrator.simulator.platform.FaultMode;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import ca.careorchestrator.simulator.province.ProvinceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OscarCsvSimulatorTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 10, 26);
    private static final Province PROVINCE = ProvinceGenerator.generate(new ProvinceSpec(Preset.REGION, ProvinceSpec.DEFAULT_SEED, MONDAY, 1));
    private static final Clock STOPPED = Clock.fixed(MONDAY.atStartOfDay(ZoneId.of("America/Montreal")).toInstant(), ZoneOffset.UTC);
    /** An OSCAR-QC clinic whose name has a letter outside ASCII that Latin-1 holds (GMF Cowansville des Érables). */
    private static final Clinic ACCENTED = PROVINCE.clinics().stream().filter(c -> c.systems().contains(SourceSystem.OSCAR_QC))
            .filter(c -> c.name().chars().anyMatch(ch -> ch > 127 && ch < 256)).findFirst().orElseThrow();

    @TempDir
    Path drop;

    private OscarCsvSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = new OscarCsvSimulator(SimulatedPlatform.of(PROVINCE, SourceSystem.OSCAR_QC, STOPPED, c -> c.equals(ACCENTED)), drop,
                StandardCharsets.ISO_8859_1);
        simulator.start();
    }

    private List<String> lines(Path file) throws Exception {
        return List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\r\n"));
    }

    @Test
    void anExportIsTheWholeScheduleInLatin1RenamedIntoPlace() throws Exception {
        Path file = simulator.export();

        try (Stream<Path> files = Files.list(drop)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(file.getFileName().toString()).matches("oscar-export-\\d{8}T\\d{9}Z\\.csv");
        List<String> lines = lines(file);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", OscarCsvSimulator.HEADER));
        assertThat(lines).hasSize(simulator.platform().size() + 1);
        assertThat(lines.get(1)).contains(ACCENTED.name(), "America/Montreal").containsAnyOf(",available,", ",booked,");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).doesNotContain(ACCENTED.name());
        assertThat(simulator.connectorSettings()).containsEntry("csv.charset", "ISO-8859-1");
    }

    @Test
    void exportsOnAStoppedClockAreStillNamedAndStampedInOrder() throws Exception {
        Path first = simulator.export();
        Path second = simulator.export();

        assertThat(second.getFileName().toString()).isGreaterThan(first.getFileName().toString());
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(Files.getLastModifiedTime(first).toMillis() + 1);
    }

    @Test
    void faultsBreakOneRowRepeatRowsAndReverseThem() {
        String plain = simulator.render(Set.of());
        List<String> rows = plain.lines().skip(1).toList();

        assertThat(simulator.render(Set.of(FaultMode.MALFORMED_RECORD)).split(OscarCsvSimulator.BROKEN_DATE, -1)).hasSize(2);
        assertThat(simulator.render(Set.of(FaultMode.DUPLICATES)).lines().skip(1).toList()).hasSize(2 * rows.size());
        assertThat(simulator.render(Set.of(FaultMode.OUT_OF_ORDER)).lines().skip(1).toList()).isEqualTo(rows.reversed());
    }

    @Test
    void aCellWithACommaOrAQuoteIsQuoted() {
        assertThat(OscarCsvSimulator.quoted("Clinique, site \"Nord\"")).isEqualTo("\"Clinique, site \"\"Nord\"\"\"");
        assertThat(OscarCsvSimulator.quoted("GMF des Érables")).isEqualTo("GMF des Érables");
    }
}
