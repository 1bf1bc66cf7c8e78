package ca.careorchestrator.app.observatory;

import ca.careorchestrator.app.support.PostgresDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The synthetic history on the record: PostgreSQL, through COPY. Skipped with a notice without PostgreSQL, unless required. */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct",
        "care.simulation.enabled=false", "care.observatory.refresh-interval=1h",
        "care.observatory.history-days=" + SyntheticHistoryContract.DAYS})
class PostgresSyntheticHistoryIT extends SyntheticHistoryContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.useFreshSchema(registry, "care_history_it");
    }
}
