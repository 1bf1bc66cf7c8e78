package ca.careorchestrator.app.support;

import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import java.time.Duration;
import java.time.Instant;

/** Waits for the start-up load the application runs on its own thread. */
public final class Loads {

    private Loads() {
    }

    public static LoadStatus awaitReady(ProvinceLoader loader) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            LoadStatus status = loader.status();
            if (status.ready()) {
                return status;
            }
            if (status.phase() == LoadStatus.Phase.FAILED) {
                throw new AssertionError("province load failed: " + status.failure().orElse("?"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("province not loaded within 120 s: " + loader.status());
    }
}
