package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;

/** The contract kit against Rendez-vous santé Québec's FHIR profile (pages of 100, numeric versionId, UTC). */
class FhirR4ContractTest extends ConnectorContract {

    @Override
    protected SourceHarness newHarness() throws Exception {
        return new SimulatedFhirSource(SourceSystem.RVSQ, 1);
    }
}
