package ca.careorchestrator.app.simulation;

import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceProvisioned;
import ca.careorchestrator.simulator.Simulation;
import ca.careorchestrator.simulator.platform.SimulatedPlatform;
import ca.careorchestrator.simulator.province.Province;
import ca.careorchestrator.simulator.province.ProvinceGenerator;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts the simulated platforms once the province's directory is in place, and keeps their clinics busy. */
@Component
public class PlatformSimulation {

    private static final Logger log = LoggerFactory.getLogger(PlatformSimulation.class);

    private final SimulationProperties properties;
    private final Sources sources;
    private final Clock clock;
    private final Path workDir;
    private volatile Simulation simulation;
    private volatile Thread ticker;

    PlatformSimulation(SimulationProperties properties, Sources sources, Clock clock, @Value("${care.data-dir}") String dataDir) {
        this.properties = properties;
        this.sources = sources;
        this.clock = clock;
        this.workDir = Path.of(dataDir, "simulation");
    }

    @EventListener
    void on(ProvinceProvisioned provisioned) {
        if (!properties.enabled() || !provisioned.slotsFromSources()) {
            return;
        }
        Thread.ofVirtual().name("simulation-start").start(() -> start(provisioned));
    }

    private synchronized void start(ProvinceProvisioned provisioned) {
        if (simulation != null) {
            return;
        }
        try {
            Province province = ProvinceGenerator.generate(provisioned.spec());
            SimulatedPlatform.Rates rates = new SimulatedPlatform.Rates(properties.deskBookingsPerHour(),
                    properties.cancellationsPerHour(), properties.withdrawalsPerHour());
            // The HL7 push ports are free loopback ports found before anyone binds them; another socket can take one
            // in between (an outgoing connection's ephemeral port). Then the whole set starts again on new ports.
            for (int attempt = 1; ; attempt++) {
                Simulation started = Simulation.start(province, clock, rates, workDir);
                try {
                    for (Simulation.Endpoint endpoint : started.endpoints()) {
                        sources.register(endpoint.system(), endpoint.uri(), endpoint.settings());
                    }
                    simulation = started;
                    break;
                } catch (java.io.UncheckedIOException e) {
                    started.close();
                    if (attempt == 3) {
                        throw e;
                    }
                    log.warn("Starting the simulated platforms again on other ports: {}", e.getMessage());
                }
            }
            ticker = Thread.ofVirtual().name("simulation-ticker").start(this::tick);
            log.info("Simulated platforms running: {}", simulation.endpoints().stream().map(e -> e.system() + " " + e.uri()).toList());
        } catch (Exception e) {
            log.error("The simulated platforms could not start", e);
        }
    }

    private void tick() {
        Instant last = clock.instant();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(properties.tick());
            } catch (InterruptedException e) {
                return;
            }
            Instant now = clock.instant();
            try {
                simulation.tick(Duration.between(last, now));
            } catch (RuntimeException e) {
                log.warn("A simulation tick failed: {}", e.getMessage());
            }
            last = now;
        }
    }

    /** The running simulation, once started (tests drive its platforms). */
    public java.util.Optional<Simulation> simulation() {
        return java.util.Optional.ofNullable(simulation);
    }

    @PreDestroy
    synchronized void stop() {
        if (ticker != null) {
            ticker.interrupt();
        }
        if (simulation != null) {
            simulation.close();
        }
    }
}
