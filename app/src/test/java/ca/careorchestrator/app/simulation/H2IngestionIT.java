package ca.careorchestrator.app.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole ingestion path on the embedded database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1s", "care.ingestion.max-backoff=1s",
        "care.ingestion.circuit-threshold=100", "care.ingestion.timeout=5s"})
class H2IngestionIT extends IngestionContract {

    private static Path mappings;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-ingestion-it").toString();
        mappings = mappingsMissingACode();
        registry.add("care.data-dir", () -> dir);
        registry.add("care.ingestion.mappings-dir", mappings::toString);
    }

    @Override
    Path mappingsDir() {
        return mappings;
    }
}
