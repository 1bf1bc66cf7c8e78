package ca.careorchestrator.core.patient;

import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.Fsa;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * An insured person. An orphan patient ("patient orphelin") has no registered family physician.
 * Birth date and sex are the ones the NAM encodes.
 */
public record Patient(
        PatientId id,
        HealthInsuranceNumber nam,
        String familyName,
        String givenName,
        Fsa home,
        Language language,
        Optional<ProfessionalId> familyPhysician) {

    public Patient {
        if (id == null || nam == null || home == null || language == null || familyPhysician == null) {
            throw new IllegalArgumentException("a patient has an id, a NAM, a home area and a language");
        }
        if (familyName == null || familyName.isBlank() || givenName == null || givenName.isBlank()) {
            throw new IllegalArgumentException("a patient has a family and a given name");
        }
    }

    public LocalDate birthDate() {
        return nam.birthDate();
    }

    public Sex sex() {
        return nam.sex();
    }

    public boolean isOrphan() {
        return familyPhysician.isEmpty();
    }

    public int ageOn(LocalDate day) {
        return Period.between(nam.birthDate(), day).getYears();
    }

    /** Masked NAM: a patient record printed to a log does not leak the number. */
    @Override
    public String toString() {
        return "Patient[" + id + "]";
    }
}
