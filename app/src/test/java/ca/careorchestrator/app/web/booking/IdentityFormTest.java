package ca.careorchestrator.app.web.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.careorchestrator.app.booking.PatientIdentity;
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

    private static Problem problemOf(IdentityForm form) {
        try {
            form.check(TODAY);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void aValidNamWithTheBirthDateItEncodesIsAPatient() {
        PatientIdentity patient = new IdentityForm(NAM, "1985-04-23", " Tremblay ", "Léa").check(TODAY);

        assertThat(patient.nam().value()).isEqualTo(NAM);
        assertThat(patient.familyName()).isEqualTo("Tremblay");
    }

    @Test
    void acceptsTheNamAsPrintedOnTheCardAndTheDateWithSlashesOrSpaces() {
        String printed = (NAM.substring(0, 4) + " " + NAM.substring(4, 8) + " " + NAM.substring(8)).toLowerCase();

        assertThat(new IdentityForm(printed, "1985/04/23", "Tremblay", "Léa").check(TODAY).nam().value()).isEqualTo(NAM);
        assertThat(new IdentityForm(NAM, "1985 04 23", "", "").check(TODAY).birthDate()).isEqualTo(BORN);
    }

    @Test
    void refusesEachDefectWithItsOwnProblemAndPointsAtItsField() {
        String wrongDigit = NAM.substring(0, 11) + (char) ('0' + (NAM.charAt(11) - '0' + 1) % 10);

        assertThat(problemOf(new IdentityForm("", "1985-04-23", "", ""))).isEqualTo(Problem.MALFORMED_NAM);
        assertThat(problemOf(new IdentityForm("TREL123", "1985-04-23", "", ""))).isEqualTo(Problem.MALFORMED_NAM);
        assertThat(problemOf(new IdentityForm(wrongDigit, "1985-04-23", "", ""))).isEqualTo(Problem.NAM_CHECK_DIGIT);
        assertThat(problemOf(new IdentityForm(NAM, "1985-04-24", "", ""))).isEqualTo(Problem.NAM_IDENTITY_MISMATCH);
        assertThat(problemOf(new IdentityForm(NAM, "23 avril", "", ""))).isEqualTo(Problem.MALFORMED_DATE);
        assertThat(IdentityForm.fieldOf(Problem.NAM_CHECK_DIGIT)).isEqualTo(IdentityForm.Field.NAM);
        assertThat(IdentityForm.fieldOf(Problem.NAM_IDENTITY_MISMATCH)).isEqualTo(IdentityForm.Field.BIRTH_DATE);
        assertThat(IdentityForm.fieldOf(Problem.SLOT_TAKEN)).isEqualTo(IdentityForm.Field.NONE);
    }

    @Test
    void neverShowsTheNamBackNorLogsIt() {
        IdentityForm form = new IdentityForm(NAM, "1985-04-23", "Tremblay", "Léa");

        assertThat(form.withoutNam().nam()).isEmpty();
        assertThat(form.withoutNam().familyName()).isEqualTo("Tremblay");
        assertThat(form.toString()).doesNotContain(NAM);
        assertThat(SessionPatient.of(form.check(TODAY)).toString()).doesNotContain(NAM);
    }

    @Test
    void aLongUnreadableDateIsCutInTheProblem() {
        assertThatThrownBy(() -> new IdentityForm(NAM, "x".repeat(200), "", "").check(TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat((String) e.arguments()[0]).hasSize(20));
    }
}
