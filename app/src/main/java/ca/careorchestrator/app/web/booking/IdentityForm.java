package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a patient types to say who they are (NAM, birth date, names), as posted by a booking page. Turns into a
 * checked {@link PatientIdentity} or the catalogue's problem, and says which field the problem is about.
 */
record IdentityForm(String nam, String birthDate, String familyName, String givenName) {

    private static final Set<Problem> ABOUT_NAM = EnumSet.of(Problem.MALFORMED_NAM, Problem.NAM_CHECK_DIGIT, Problem.IMPOSSIBLE_NAM_DATE);
    private static final Set<Problem> ABOUT_BIRTH_DATE = EnumSet.of(Problem.MALFORMED_DATE, Problem.NAM_IDENTITY_MISMATCH);

    /** The field a problem points at, so the page can mark it invalid and describe it. */
    enum Field {
        NAM, BIRTH_DATE, NONE
    }

    PatientIdentity check(LocalDate today) {
        if (nam == null || nam.isBlank()) {
            throw new ProblemException(Problem.MALFORMED_NAM);
        }
        LocalDate birth = birthDate(birthDate);
        return switch (PatientIdentity.check(nam.strip(), birth, familyName, givenName, today)) {
            case PatientIdentity.Checked.Valid valid -> valid.patient();
            case PatientIdentity.Checked.Invalid invalid -> throw new ProblemException(Problem.of(invalid.defect()));
        };
    }

    static Field fieldOf(Problem problem) {
        if (ABOUT_NAM.contains(problem)) {
            return Field.NAM;
        }
        return ABOUT_BIRTH_DATE.contains(problem) ? Field.BIRTH_DATE : Field.NONE;
    }

    private static LocalDate birthDate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ProblemException(Problem.MALFORMED_DATE, "");
        }
        try {
            // As typed: 1985-04-23, 1985/04/23 or 1985 04 23.
            return LocalDate.parse(raw.strip().replace('/', '-').replace(' ', '-'));
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, raw.strip().length() > 20 ? raw.strip().substring(0, 20) : raw.strip());
        }
    }

    /** The names only: a form shown again keeps them, never the NAM. */
    IdentityForm withoutNam() {
        return new IdentityForm("", birthDate, familyName, givenName);
    }

    @Override
    public String toString() {
        return "IdentityForm[****]";
    }
}
