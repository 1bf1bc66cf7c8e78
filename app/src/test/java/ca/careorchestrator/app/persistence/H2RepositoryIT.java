package ca.careorchestrator.app.persistence;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The stores on the embedded default: H2, file mode, PostgreSQL compatibility. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1",
        "care.provisioning.slots=direct", "care.simulation.enabled=false"})
class H2RepositoryIT extends RepositoryContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-h2-it").toString();
        registry.add("care.data-dir", () -> dir);
    }
}
