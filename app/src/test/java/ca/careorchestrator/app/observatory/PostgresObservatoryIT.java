package ca.careorchestrator.app.observatory;

import ca.careorchestrator.app.support.PostgresDatabase;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ObservatoryChecks} on PostgreSQL, in a schema of its own. */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
class PostgresObservatoryIT extends ObservatoryChecks {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresDatabase.useFreshSchema(registry, "observatory_it");
    }
}
