package ca.careorchestrator.app.identity;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.patient.PatientId;
import java.util.Optional;

/**
 * The registry of insured people as the other modules see it: who a patient is when the orchestrator acts for them
 * (a waitlist offer holds a slot on their behalf) and where their notices go. Empty for an unknown patient.
 */
public interface InsuredPeople {

    /** The verified identity to act for this patient at a source system (NAM, birth date, names). */
    Optional<PatientIdentity> identity(PatientId patient);

    /** Where this patient is reached, in the language they chose. */
    Optional<Contact> contact(PatientId patient);

    record Contact(String email, String mobilePhone, Language language) {

        @Override
        public String toString() {
            return "Contact[" + language + "]";
        }
    }
}
