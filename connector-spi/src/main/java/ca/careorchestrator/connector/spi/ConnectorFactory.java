package ca.careorchestrator.connector.spi;

import ca.careorchestrator.core.care.Protocol;

/**
 * How the runtime finds connectors: one factory per protocol, listed in
 * {@code META-INF/services/ca.careorchestrator.connector.spi.ConnectorFactory}.
 */
public interface ConnectorFactory {

    Protocol protocol();

    Connector create(SourceConfig config);
}
