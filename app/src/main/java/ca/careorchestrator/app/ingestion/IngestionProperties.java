package ca.careorchestrator.app.ingestion;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code care.ingestion.*}: how sources are read.
 *
 * @param pollInterval      between two incremental pulls of a source (SMART publishers ask for at most one a minute)
 * @param fullReadInterval  between two full reads (what a source deleted silently is noticed then)
 * @param timeout           bound of every network call a connector makes
 * @param maxBackoff        longest wait between retries of a failing source
 * @param circuitThreshold  consecutive failures that open a source's circuit
 * @param circuitOpenFor    how long an open circuit waits before one trial
 * @param mappingsDir       a folder of mapping tables that replace the built-in ones (file per source, same
 *                          name), so an operator can fix a mapping without a release and replay the quarantine
 * @param sources           the sources of a real deployment ({@code care.ingestion.sources[0].system=RVSQ},
 *                          {@code .endpoint=https://...}, {@code .settings.mllp.listen-port=2575}); the simulation
 *                          adds its own
 */
@ConfigurationProperties("care.ingestion")
public record IngestionProperties(Duration pollInterval, Duration fullReadInterval, Duration timeout, Duration maxBackoff,
        int circuitThreshold, Duration circuitOpenFor, String mappingsDir, java.util.List<Source> sources) {

    /** One configured source. */
    public record Source(ca.careorchestrator.core.care.SourceSystem system, java.net.URI endpoint,
            java.util.Map<String, String> settings) {
        public Source {
            settings = settings == null ? java.util.Map.of() : java.util.Map.copyOf(settings);
        }
    }

    public IngestionProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
        fullReadInterval = fullReadInterval == null ? Duration.ofHours(1) : fullReadInterval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        circuitThreshold = circuitThreshold <= 0 ? 5 : circuitThreshold;
        circuitOpenFor = circuitOpenFor == null ? Duration.ofMinutes(2) : circuitOpenFor;
        mappingsDir = mappingsDir == null ? "" : mappingsDir;
        sources = sources == null ? java.util.List.of() : java.util.List.copyOf(sources);
    }
}
