package ca.careorchestrator.app.observatory;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The synthetic history on the embedded default: H2, file mode, PostgreSQL compatibility, JDBC batches. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct",
        "care.simulation.enabled=false", "care.observatory.refresh-interval=1h",
        "care.observatory.history-days=" + SyntheticHistoryContract.DAYS})
class H2SyntheticHistoryIT extends SyntheticHistoryContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-history-it").toString();
        registry.add("care.data-dir", () -> dir);
    }
}
