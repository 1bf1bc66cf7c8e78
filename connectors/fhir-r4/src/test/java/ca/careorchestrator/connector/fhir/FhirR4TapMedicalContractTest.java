package ca.careorchestrator.connector.fhir;

import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;

/**
 * The contract kit against Tap Medical's FHIR profile: no versionId (versions are lastUpdated millis),
 * local times with offsets, platform ids in Slot.identifier because they are not valid FHIR ids.
 */
class FhirR4TapMedicalContractTest extends ConnectorContract {

    @Override
    protected SourceHarness newHarness() throws Exception {
        return new SimulatedFhirSource(SourceSystem.TAP_MEDICAL, 2);
    }
}
