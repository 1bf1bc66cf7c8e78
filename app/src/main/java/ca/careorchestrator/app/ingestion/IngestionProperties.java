package ca.careorchestrator.app.ingestion;

import ca.careorchestrator.core.care.SourceSystem;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        int circuitThreshold, Duration circuitOpenFor, String mappingsDir, List<Source> sources) {

    /** One configured source. */
    public record Source(SourceSystem system, URI endpoint, Map<String, String> settings) {
        public Source {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
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
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
