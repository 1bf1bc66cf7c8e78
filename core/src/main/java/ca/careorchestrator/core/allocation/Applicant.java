package ca.careorchestrator.core.allocation;

import ca.careorchestrator.core.patient.PatientProfile;

/** Who asks for a slot: a verified patient with their profile, an insured person without one yet, or a visitor. */
public sealed interface Applicant {

    record Patient(PatientProfile profile) implements Applicant {
        public Patient {
            if (profile == null) {
                throw new IllegalArgumentException("a patient applicant has a profile");
            }
        }
    }

    /** A checked health-insurance number that the registry does not know (yet): insured, nothing more known. */
    record UnknownInsured() implements Applicant {
    }

    /** Not signed in: nothing is known, not even that they are insured (that is checked when they hold). */
    record Anonymous() implements Applicant {
    }

    static Applicant anonymous() {
        return new Anonymous();
    }

    static Applicant of(PatientProfile profile) {
        return new Patient(profile);
    }
}
