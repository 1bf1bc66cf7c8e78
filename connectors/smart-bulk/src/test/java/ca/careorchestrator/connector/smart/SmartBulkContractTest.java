package ca.careorchestrator.connector.smart;

import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.SourceHarness;

/** The shared connector contract, against Bonjour Santé's SMART bulk publication on a loopback port. */
class SmartBulkContractTest extends ConnectorContract {

    @Override
    protected SourceHarness newHarness() throws Exception {
        return new BonjourSanteHarness();
    }
}
