package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.patient.PatientId;
import java.util.Optional;

/**
 * Who a stored appointment's patient is, when a booking or cancellation is sent to its source again: the registry of
 * insured people answers (identity implements this port), so booking's tables keep the patient's id, never the NAM.
 */
public interface PatientRecords {

    Optional<PatientIdentity> identity(PatientId patient);
}
