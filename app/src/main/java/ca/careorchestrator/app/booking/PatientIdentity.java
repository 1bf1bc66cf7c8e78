package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.PatientId;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Who books: a person of the registry of insured people, verified by the identity module (a checked NAM the
 * registry knows, with the birth date and sex it encodes), with the names the source system records. Made only
 * by the identity module's registry lookup ({@code InsuredPeople}), never from what a request says alone.
 * {@link #ref} is the registry's id, the key stored instead of the NAM.
 */
public record PatientIdentity(PatientId id, HealthInsuranceNumber nam, String familyName, String givenName) {

    public PatientIdentity {
        if (id == null || nam == null) {
            throw new IllegalArgumentException("a patient is a registered person with a checked NAM");
        }
        familyName = familyName == null ? "" : familyName.strip();
        givenName = givenName == null ? "" : givenName.strip();
    }

    public LocalDate birthDate() {
        return nam.birthDate();
    }

    public UUID ref() {
        return id.value();
    }

    @Override
    public String toString() {
        return "PatientIdentity[" + id + "]";
    }
}
