package ca.careorchestrator.connector.spi;

import java.util.Set;

/**
 * One source, translated. A connector implements {@link PullConnector} or {@link PushConnector} (or both),
 * and {@link BookingConnector} when the source books by API. It owns no threads of its own beyond a
 * push listener's accept loop; schedules, retries, checkpoints and quarantine belong to the runtime.
 */
public interface Connector extends AutoCloseable {

    Set<Capability> capabilities();

    @Override
    default void close() {
    }
}
