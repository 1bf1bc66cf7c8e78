package ca.careorchestrator.connector.ical;

import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.Protocol;

/** ServiceLoader entry for {@link Protocol#ICALENDAR} sources. */
public final class ICalConnectorFactory implements ConnectorFactory {

    @Override
    public Protocol protocol() {
        return Protocol.ICALENDAR;
    }

    @Override
    public Connector create(SourceConfig config) {
        return new ICalConnector(config);
    }
}
