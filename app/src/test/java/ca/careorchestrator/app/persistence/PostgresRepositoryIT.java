package ca.careorchestrator.app.persistence;

import ca.careorchestrator.app.support.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The stores on the record: PostgreSQL, loaded through COPY. Skipped with a notice without PostgreSQL, unless required. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1",
        "care.provisioning.slots=direct", "care.simulation.enabled=false"})
class PostgresRepositoryIT extends RepositoryContract {

    private static String url;

    @BeforeAll
    static void freshSchema() {
        url = PostgresDatabase.freshSchema("care_repository_it");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> PostgresDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    @org.junit.jupiter.api.Test
    void loadsThroughCopy() {
        org.assertj.core.api.Assertions.assertThat(bulk.isPostgres()).isTrue();
    }
}
