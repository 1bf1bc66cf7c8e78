package ca.careorchestrator.app.simulation;

import ca.careorchestrator.app.support.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole ingestion path on the record: PostgreSQL. Skipped with a notice without it, unless required. */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1s", "care.ingestion.max-backoff=1s",
        "care.ingestion.circuit-threshold=100", "care.ingestion.timeout=5s"})
class PostgresIngestionIT extends IngestionContract {

    private static Path mappings;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws IOException {
        PostgresDatabase.useFreshSchema(registry, "care_ingestion_it");
        mappings = mappingsMissingACode();
        registry.add("care.ingestion.mappings-dir", mappings::toString);
    }

    @Override
    Path mappingsDir() {
        return mappings;
    }
}
