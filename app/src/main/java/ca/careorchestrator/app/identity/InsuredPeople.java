package ca.careorchestrator.app.identity;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.patient.NamDefect;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.Sex;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The registry of insured people as the other modules see it: who a patient is when the orchestrator acts for them
 * (a waitlist offer holds a slot on their behalf), where their notices go, and the one way to turn what a request
 * says (NAM, birth date) into a {@link PatientIdentity}. Empty for an unknown patient.
 */
public interface InsuredPeople {

    /** The verified identity to act for this patient at a source system (NAM, birth date, names). */
    Optional<PatientIdentity> identity(PatientId patient);

    /** Where this patient is reached, in the language they chose. */
    Optional<Contact> contact(PatientId patient);

    /**
     * The registered person this NAM and birth date (and sex, when given) name: the NAM is checked first (format,
     * date, check digit, agreement with the birth date and sex), then looked up by its keyed hash.
     */
    Verification verify(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today);

    /**
     * As {@link #verify}, or the catalogue's problem: the NAM's own defect, else {@code patient-not-verified} (the
     * same for an unknown NAM and for one registered with another birth date: nothing more is told).
     */
    default PatientIdentity verified(String nam, LocalDate birthDate, Optional<Sex> sex, LocalDate today) {
        return switch (verify(nam, birthDate, sex, today)) {
            case Verification.Verified verified -> verified.patient();
            case Verification.Refused refused -> throw new ProblemException(Problem.of(refused.defect()));
            case Verification.NotRegistered notRegistered -> throw new ProblemException(Problem.PATIENT_NOT_VERIFIED);
        };
    }

    sealed interface Verification {

        record Verified(PatientIdentity patient) implements Verification {
        }

        /** The NAM itself is wrong (the existing NAM problems). */
        record Refused(NamDefect defect) implements Verification {
        }

        /** A well-formed NAM the registry does not know with this birth date and sex. */
        record NotRegistered() implements Verification {
        }
    }

    record Contact(String email, String mobilePhone, Language language) {

        @Override
        public String toString() {
            return "Contact[" + language + "]";
        }
    }
}
