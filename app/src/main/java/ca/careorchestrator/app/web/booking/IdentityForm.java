package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.identity.SignInChannel;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.NamCheck;
import ca.careorchestrator.core.patient.Sex;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a patient types to sign in (NAM, birth date, sex, where the code goes), as posted by {@code /connexion}.
 * Checks the NAM against the birth date and sex before anything is asked of the registry, and says which field a
 * problem is about, so the page marks it and moves focus to it.
 */
record IdentityForm(String nam, String birthDate, String sex, String channel) {

    private static final Set<Problem> ABOUT_NAM = EnumSet.of(Problem.MALFORMED_NAM, Problem.NAM_CHECK_DIGIT, Problem.IMPOSSIBLE_NAM_DATE,
            Problem.PATIENT_NOT_VERIFIED);
    private static final Set<Problem> ABOUT_BIRTH_DATE = EnumSet.of(Problem.MALFORMED_DATE, Problem.NAM_IDENTITY_MISMATCH);

    /** The field a problem points at, so the page can mark it invalid and describe it. */
    enum Field {
        NAM, BIRTH_DATE, SEX, NONE
    }

    /** The form once it checks: a NAM that encodes this birth date and sex. */
    record Checked(String nam, LocalDate birthDate, Sex sex, SignInChannel channel) {

        @Override
        public String toString() {
            return "IdentityForm.Checked[****]";
        }
    }

    Checked check(LocalDate today) {
        if (nam == null || nam.isBlank()) {
            throw new ProblemException(Problem.MALFORMED_NAM);
        }
        LocalDate birth = birthDate(birthDate);
        Sex checkedSex = sex(sex);
        if (HealthInsuranceNumber.check(nam.strip(), birth, checkedSex, today) instanceof NamCheck.Invalid(var defect)) {
            throw new ProblemException(Problem.of(defect));
        }
        return new Checked(nam.strip(), birth, checkedSex, channel(channel));
    }

    static Field fieldOf(Problem problem, Object[] arguments) {
        if (ABOUT_NAM.contains(problem)) {
            return Field.NAM;
        }
        if (problem == Problem.MISSING_PARAMETER && arguments.length > 0 && "sex".equals(arguments[0])) {
            return Field.SEX;
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

    private static Sex sex(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "sex");
        }
        try {
            return Sex.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "sex");
        }
    }

    private static SignInChannel channel(String raw) {
        return raw != null && raw.strip().equalsIgnoreCase("SMS") ? SignInChannel.SMS : SignInChannel.EMAIL;
    }

    /** Shown again without the NAM: it is never written back into a page. */
    IdentityForm withoutNam() {
        return new IdentityForm("", birthDate, sex, channel);
    }

    @Override
    public String toString() {
        return "IdentityForm[****]";
    }
}
