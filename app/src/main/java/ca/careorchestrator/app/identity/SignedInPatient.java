package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import java.io.Serializable;

/**
 * The principal of a patient who signed in (NAM, birth date and a one-time code): kept in the HTTP session's
 * security context with the authority {@code ROLE_PATIENT}. Only the registry's id, never the NAM.
 */
public record SignedInPatient(PatientId patient) implements Serializable {

    public SignedInPatient {
        if (patient == null) {
            throw new IllegalArgumentException("a signed-in patient is a registered patient");
        }
    }
}
