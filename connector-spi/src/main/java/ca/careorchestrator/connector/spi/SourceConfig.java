package ca.careorchestrator.connector.spi;

import ca.careorchestrator.core.care.SourceSystem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One configured source: which system, where it is, and protocol settings ({@code mllp.port},
 * {@code csv.folder}, {@code csv.charset}, ...). {@code timeout} bounds every network call.
 */
public record SourceConfig(SourceSystem system, URI endpoint, Map<String, String> settings, Duration timeout, Clock clock) {

    public SourceConfig {
        if (system == null || endpoint == null || timeout == null || clock == null) {
            throw new IllegalArgumentException("a source names its system, endpoint, timeout and clock");
        }
        settings = Map.copyOf(settings);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
