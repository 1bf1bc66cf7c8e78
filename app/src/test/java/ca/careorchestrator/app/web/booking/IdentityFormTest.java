package ca.careorchestrator.app.web.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.identity.SignInChannel;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.HealthInsuranceNumber;
import ca.careorchestrator.core.patient.Sex;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentityFormTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate BORN = LocalDate.of(1985, 4, 23);
    private static final String NAM = HealthInsuranceNumber.issue("Tremblay", "Léa", BORN, Sex.FEMALE, 1).value();

    private static ProblemException problemOf(IdentityForm form) {
        try {
            form.check(TODAY);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void aValidNamWithTheBirthDateAndSexItEncodesChecks() {
        IdentityForm.Checked checked = new IdentityForm(NAM, "1985-04-23", "FEMALE", "SMS").check(TODAY);

        assertThat(checked.nam()).isEqualTo(NAM);
        assertThat(checked.sex()).isEqualTo(Sex.FEMALE);
        assertThat(checked.channel()).isEqualTo(SignInChannel.SMS);
        assertThat(new IdentityForm(NAM, "1985-04-23", "FEMALE", null).check(TODAY).channel()).isEqualTo(SignInChannel.EMAIL);
    }

    @Test
    void acceptsTheNamAsPrintedOnTheCardAndTheDateWithSlashesOrSpaces() {
        String printed = (NAM.substring(0, 4) + " " + NAM.substring(4, 8) + " " + NAM.substring(8)).toLowerCase();

        assertThat(new IdentityForm(printed, "1985/04/23", "female", "EMAIL").check(TODAY).birthDate()).isEqualTo(BORN);
        assertThat(new IdentityForm(NAM, "1985 04 23", "FEMALE", "EMAIL").check(TODAY).birthDate()).isEqualTo(BORN);
    }

    @Test
    void refusesEachDefectWithItsOwnProblemAndPointsAtItsField() {
        String wrongDigit = NAM.substring(0, 11) + (char) ('0' + (NAM.charAt(11) - '0' + 1) % 10);

        assertThat(problemOf(new IdentityForm("", "1985-04-23", "FEMALE", "")).problem()).isEqualTo(Problem.MALFORMED_NAM);
        assertThat(problemOf(new IdentityForm("TREL123", "1985-04-23", "FEMALE", "")).problem()).isEqualTo(Problem.MALFORMED_NAM);
        assertThat(problemOf(new IdentityForm(wrongDigit, "1985-04-23", "FEMALE", "")).problem()).isEqualTo(Problem.NAM_CHECK_DIGIT);
        assertThat(problemOf(new IdentityForm(NAM, "1985-04-24", "FEMALE", "")).problem()).isEqualTo(Problem.NAM_IDENTITY_MISMATCH);
        assertThat(problemOf(new IdentityForm(NAM, "1985-04-23", "MALE", "")).problem()).isEqualTo(Problem.NAM_IDENTITY_MISMATCH);
        assertThat(problemOf(new IdentityForm(NAM, "23 avril", "FEMALE", "")).problem()).isEqualTo(Problem.MALFORMED_DATE);
        ProblemException noSex = problemOf(new IdentityForm(NAM, "1985-04-23", "", ""));
        assertThat(IdentityForm.fieldOf(noSex.problem(), noSex.arguments())).isEqualTo(IdentityForm.Field.SEX);
        assertThat(IdentityForm.fieldOf(Problem.NAM_CHECK_DIGIT, new Object[0])).isEqualTo(IdentityForm.Field.NAM);
        assertThat(IdentityForm.fieldOf(Problem.NAM_IDENTITY_MISMATCH, new Object[0])).isEqualTo(IdentityForm.Field.BIRTH_DATE);
        assertThat(IdentityForm.fieldOf(Problem.SLOT_TAKEN, new Object[0])).isEqualTo(IdentityForm.Field.NONE);
    }

    @Test
    void neverShowsTheNamBackNorLogsIt() {
        IdentityForm form = new IdentityForm(NAM, "1985-04-23", "FEMALE", "EMAIL");

        assertThat(form.withoutNam().nam()).isEmpty();
        assertThat(form.withoutNam().birthDate()).isEqualTo("1985-04-23");
        assertThat(form.toString()).doesNotContain(NAM);
        assertThat(form.check(TODAY).toString()).doesNotContain(NAM);
    }

    @Test
    void aLongUnreadableDateIsCutInTheProblem() {
        assertThatThrownBy(() -> new IdentityForm(NAM, "x".repeat(200), "FEMALE", "").check(TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat((String) e.arguments()[0]).hasSize(20));
    }

    @Test
    void goesBackOnlyToThisSitesPagesAfterSignIn() {
        assertThat(SignInPages.safe("/rendez-vous/plage/0b6f1d2e-5a4c-4c5e-9f3a-1d2e3f4a5b6c")).startsWith("/rendez-vous/plage/");
        assertThat(SignInPages.safe("//evil.example/x")).isEqualTo("/mes-rendez-vous");
        assertThat(SignInPages.safe("https://evil.example")).isEqualTo("/mes-rendez-vous");
        assertThat(SignInPages.safe(null)).isEqualTo("/mes-rendez-vous");
    }
}
