package ca.careorchestrator.connector.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.connector.spi.ConnectorFactory;
import ca.careorchestrator.core.care.Protocol;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Hl7v2ConnectorFactoryTest {

    @Test
    void theRuntimeFindsTheFactoryForMllpByServiceLoader() {
        assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(factory -> {
                    assertThat(factory).isInstanceOf(Hl7v2ConnectorFactory.class);
                    assertThat(factory.protocol()).isEqualTo(Protocol.HL7V2_MLLP);
                });
    }
}
