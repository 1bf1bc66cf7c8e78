package ca.careorchestrator.app.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code care.simulation.*}: the simulated platforms of the default run.
 *
 * @param enabled              false to read only the configured sources ({@code care.ingestion.sources})
 * @param tick                 how often the clinics' desks act and push-based platforms send what changed
 * @param deskBookingsPerHour  bookings made at clinic desks, per 1,000 slots per hour
 * @param cancellationsPerHour cancellations at clinic desks, per 1,000 slots per hour
 * @param withdrawalsPerHour   slots the clinics close (template edits), per 1,000 slots per hour
 */
@ConfigurationProperties("care.simulation")
public record SimulationProperties(Boolean enabled, Duration tick, Double deskBookingsPerHour, Double cancellationsPerHour,
        Double withdrawalsPerHour) {

    public SimulationProperties {
        enabled = enabled == null || enabled;
        tick = tick == null ? Duration.ofSeconds(10) : tick;
        deskBookingsPerHour = deskBookingsPerHour == null ? 2.0 : deskBookingsPerHour;
        cancellationsPerHour = cancellationsPerHour == null ? 0.5 : cancellationsPerHour;
        withdrawalsPerHour = withdrawalsPerHour == null ? 0.1 : withdrawalsPerHour;
    }
}
