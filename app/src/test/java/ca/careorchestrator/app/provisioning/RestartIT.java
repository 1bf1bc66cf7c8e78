package ca.careorchestrator.app.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.support.Loads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database is a file: a restart keeps the data, and an interrupted load is redone cleanly. */
class RestartIT {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .web(WebApplicationType.NONE)
                .run("--care.data-dir=" + dataDir, "--care.provisioning.preset=tiny", "--care.provisioning.weeks=1",
                        "--care.provisioning.slots=direct", "--care.simulation.enabled=false");
    }

    private static long count(Path dataDir, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/care-orchestrator;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.time.Instant millis(LoadStatus status) {
        return status.startedAt().orElseThrow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Test
    void aRestartKeepsTheLoadedProvinceAndRedoesAnInterruptedLoad() throws Exception {
        Path dataDir = Files.createTempDirectory("care-restart-it");
        LoadStatus first;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            first = Loads.awaitReady(app.getBean(ProvinceLoader.class));
        }
        long slots = count(dataDir, "select count(*) from availability_slot");
        assertThat(slots).isEqualTo(first.slotsWritten()).isPositive();

        try (ConfigurableApplicationContext app = start(dataDir)) {
            LoadStatus again = Loads.awaitReady(app.getBean(ProvinceLoader.class));
            assertThat(millis(again)).isEqualTo(millis(first)); // nothing reloaded
        }
        assertThat(count(dataDir, "select count(*) from provisioning_run")).isEqualTo(1);
        assertThat(count(dataDir, "select count(*) from availability_slot")).isEqualTo(slots);

        // Pretend the process died during the load: the run is not marked complete.
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir + "/care-orchestrator;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("update provisioning_run set completed_at = null");
            s.executeUpdate("delete from availability_listing where slot_id in (select id from availability_slot where start_at > "
                    + "(select min(start_at) from availability_slot) + interval '3' day)");
            s.executeUpdate("delete from availability_slot where id not in (select slot_id from availability_listing)");
        }
        try (ConfigurableApplicationContext app = start(dataDir)) {
            LoadStatus redone = Loads.awaitReady(app.getBean(ProvinceLoader.class));
            assertThat(millis(redone)).isNotEqualTo(millis(first));
        }
        assertThat(count(dataDir, "select count(*) from provisioning_run where completed_at is not null")).isEqualTo(1);
        assertThat(count(dataDir, "select count(*) from availability_slot")).isEqualTo(slots);
    }
}
