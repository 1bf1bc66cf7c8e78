package ca.careorchestrator.simulator.platform;

import java.net.URI;
import java.util.Map;

/**
 * One simulated system on the wire: a loopback socket (or a folder) speaking its protocol over a
 * {@link SimulatedPlatform}. {@link #endpoint()} and {@link #connectorSettings()} are what the
 * orchestrator's connector for it is configured with, exactly as it would be for the vendor's address.
 */
public interface PlatformServer extends AutoCloseable {

    SimulatedPlatform platform();

    /** Binds and starts serving; port 0 in the constructor means an ephemeral port. */
    void start() throws java.io.IOException;

    /** Where the connector reaches it (http://127.0.0.1:port/fhir, mllp://127.0.0.1:port, file:/drop/). */
    URI endpoint();

    /** Protocol settings the connector needs (e.g. {@code mllp.listen-port} for where the simulator pushes). */
    Map<String, String> connectorSettings();

    @Override
    void close();
}
