package ca.careorchestrator.core.patient;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * What allocation rules may look at of a verified patient, and nothing more: age, where they live, whom they are
 * registered with, and the access desk's priority if they were referred as an orphan patient. Never payment,
 * subscription or the channel they came through.
 */
public record PatientProfile(
        PatientId patient,
        LocalDate birthDate,
        RegionCode region,
        LocalNetworkCode localNetwork,
        Optional<ClinicId> registeredClinic,
        Optional<ProfessionalId> registeredProfessional,
        Optional<PriorityCode> referral) {

    public PatientProfile {
        if (patient == null || birthDate == null || region == null || localNetwork == null || registeredClinic == null
                || registeredProfessional == null || referral == null) {
            throw new IllegalArgumentException("a patient profile names every fact, absent ones as empty");
        }
        if (registeredProfessional.isPresent() && registeredClinic.isEmpty()) {
            throw new IllegalArgumentException("a patient registered with a professional is registered with their clinic");
        }
    }

    public boolean isOrphan() {
        return registeredProfessional.isEmpty();
    }

    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }
}
