package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PatientProfile;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The facts allocation rules look at for a verified patient (see {@link PatientProfile}), read from the registry of
 * insured people and the access desk's referrals. Empty when the registry does not know the patient.
 */
public interface PatientProfiles {

    Optional<PatientProfile> profile(PatientId patient, LocalDate today);
}
