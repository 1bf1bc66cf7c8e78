package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.Connector;
import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.connector.spi.SourceConfig;
import ca.careorchestrator.core.care.Protocol;

/** ServiceLoader entry for FHIR R4 REST sources. */
public final class FhirR4ConnectorFactory implements ConnectorFactory {

    @Override
    public Protocol protocol() {
        return Protocol.FHIR_R4;
    }

    @Override
    public Connector create(SourceConfig config) {
        return new FhirR4Connector(config);
    }
}
