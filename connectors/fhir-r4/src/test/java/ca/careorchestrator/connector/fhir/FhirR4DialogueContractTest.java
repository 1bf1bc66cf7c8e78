package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;

/**
 * The contract kit against Dialogue's FHIR profile: opaque meta.versionId (versions fall back to
 * lastUpdated millis), virtual Locations, phone and video slots only, pages of 200.
 */
class FhirR4DialogueContractTest extends ConnectorContract {

    @Override
    protected SourceHarness newHarness() throws Exception {
        return new SimulatedFhirSource(SourceSystem.DIALOGUE, 1);
    }
}
