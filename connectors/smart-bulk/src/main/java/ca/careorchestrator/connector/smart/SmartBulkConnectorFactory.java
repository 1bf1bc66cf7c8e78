package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.Protocol;

/** ServiceLoader entry for SMART Scheduling Links bulk publishers; the endpoint is the manifest URL. */
public final class SmartBulkConnectorFactory implements ConnectorFactory {

    @Override
    public Protocol protocol() {
        return Protocol.SMART_BULK;
    }

    @Override
    public Connector create(SourceConfig config) {
        return new SmartBulkConnector(config);
    }
}
