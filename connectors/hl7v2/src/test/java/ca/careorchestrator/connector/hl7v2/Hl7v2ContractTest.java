package ca.careorchestrator.connector.hl7v2;

import ca.careorchestrator.connector.spi.contract.ConnectorContract;
import ca.careorchestrator.connector.spi.contract.SourceHarness;
import ca.careorchestrator.core.care.SourceSystem;

/** The contract kit against the Logibec simulator (HL7 2.5.1): SIU pushed over MLLP, SQM/SQR full reads, SRM booking. */
class Hl7v2ContractTest extends ConnectorContract {

    @Override
    protected SourceHarness newHarness() throws Exception {
        return new Hl7Harness(SourceSystem.LOGIBEC);
    }
}
