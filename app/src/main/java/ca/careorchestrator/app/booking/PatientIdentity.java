package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.NamDefect;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Who books, until the identity issue (#5) brings verified identities: a checked NAM and the birth date it
 * encodes, with the names the source system records. {@link #ref} is the pseudonymous key stored instead of
 * the NAM.
 */
public record PatientIdentity(HealthInsuranceNumber nam, LocalDate birthDate, String familyName, String givenName) {

    public PatientIdentity {
        if (nam == null || birthDate == null || !nam.birthDate().equals(birthDate)) {
            throw new IllegalArgumentException("a patient is a checked NAM and the birth date it encodes");
        }
        familyName = familyName == null ? "" : familyName.strip();
        givenName = givenName == null ? "" : givenName.strip();
    }

    /** The patient, or the NAM's defect: format, date, check digit, or a birth date it does not encode. */
    public static Checked check(String nam, LocalDate birthDate, String familyName, String givenName, LocalDate today) {
        NamCheck result = HealthInsuranceNumber.check(nam, today);
        return switch (result) {
            case NamCheck.Invalid(NamDefect defect) -> new Checked.Invalid(defect);
            case NamCheck.Valid(HealthInsuranceNumber number) -> number.birthDate().equals(birthDate)
                    ? new Checked.Valid(new PatientIdentity(number, birthDate, familyName, givenName))
                    : new Checked.Invalid(NamDefect.IDENTITY_MISMATCH);
        };
    }

    public sealed interface Checked {
        record Valid(PatientIdentity patient) implements Checked {
        }

        record Invalid(NamDefect defect) implements Checked {
        }
    }

    public UUID ref() {
        return UUID.nameUUIDFromBytes(("patient:" + nam.value()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PatientIdentity[" + ref() + "]";
    }
}
