package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.time.LocalDate;
import java.util.Optional;

/** A row of {@code identity_person}: the NAM only as its keyed hash and its ciphertext. */
public record StoredPerson(PatientId id, String namHash, String namCipher, LocalDate birthDate, Sex sex, String familyName,
        String givenName, Fsa fsa, Language language, Optional<String> email, Optional<String> mobilePhone,
        Optional<ProfessionalId> registeredProfessional, Optional<ClinicId> registeredClinic) {

    @Override
    public String toString() {
        return "StoredPerson[" + id + "]";
    }
}
