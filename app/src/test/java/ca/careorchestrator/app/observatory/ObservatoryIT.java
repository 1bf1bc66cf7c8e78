package ca.careorchestrator.app.observatory;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ObservatoryChecks} on the embedded database (H2 in PostgreSQL mode). */
class ObservatoryIT extends ObservatoryChecks {

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-observatory-it").toString();
        registry.add("care.data-dir", () -> dir);
    }
}
