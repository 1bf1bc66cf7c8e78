package ca.careorchestrator.app.support;

import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.simulator.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what the application does on its own threads. */
public final class Waits {

    private Waits() {
    }

    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The province loaded, the simulated platforms started, and every one of them read once by its connector. */
    public static Simulation everySourceUp(ProvinceLoader loader, PlatformSimulation platforms, Sources sources) {
        Loads.awaitReady(loader);
        await(Duration.ofSeconds(60), () -> platforms.simulation().isPresent(), "the simulation starts");
        Simulation simulation = platforms.simulation().orElseThrow();
        await(Duration.ofSeconds(120), () -> sources.statuses().size() == simulation.servers().size()
                && sources.statuses().stream().allMatch(s -> s.phase() == SourceStatus.Phase.UP), "every source has been read once");
        return simulation;
    }
}
