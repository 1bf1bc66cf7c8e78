package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.Protocol;

/** ServiceLoader entry for {@link Protocol#HL7V2_MLLP}. */
public final class Hl7v2ConnectorFactory implements ConnectorFactory {

    @Override
    public Protocol protocol() {
        return Protocol.HL7V2_MLLP;
    }

    @Override
    public Connector create(SourceConfig config) {
        return new Hl7v2Connector(config);
    }
}
