package ca.careorchestrator.connector.csv;

import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.Protocol;

/** ServiceLoader entry for {@link Protocol#CSV_DROP} sources. */
public final class CsvDropConnectorFactory implements ConnectorFactory {

    @Override
    public Protocol protocol() {
        return Protocol.CSV_DROP;
    }

    @Override
    public Connector create(SourceConfig config) {
        return new CsvDropConnector(config);
    }
}
