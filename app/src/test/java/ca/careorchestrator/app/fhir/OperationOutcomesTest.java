package ca.careorchestrator.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.problem.Problem;
import java.util.Arrays;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

class OperationOutcomesTest {

    @Test
    void saysTheProblemCodeTitleAndDetailInOneErrorIssue() {
        OperationOutcome outcome = OperationOutcomes.outcome(Problem.WINDOW_TOO_LONG, "Window too long",
                "The search window lasts at most 90 days.", Map.of());

        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getCode()).isEqualTo(IssueType.INVALID);
            assertThat(issue.getDetails().getCodingFirstRep().getSystem()).isEqualTo("https://care-orchestrator.example/problems");
            assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo("window-too-long");
            assertThat(issue.getDetails().getText()).isEqualTo("Window too long");
            assertThat(issue.getDiagnostics()).isEqualTo("The search window lasts at most 90 days.");
        });
    }

    @Test
    void addsWhatTheProblemCarriesAsInformation() {
        OperationOutcome outcome = OperationOutcomes.outcome(Problem.HOLD_ALREADY_LIVE, "t", "d", Map.of("hold", "Appointment/42"));

        assertThat(outcome.getIssue()).hasSize(2);
        assertThat(outcome.getIssue().get(1).getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(outcome.getIssue().get(1).getDiagnostics()).isEqualTo("hold: Appointment/42");
    }

    @Test
    void mapsRacesToConflictsAbsencesToNotFoundAndOutagesToTransient() {
        assertThat(OperationOutcomes.issueType(Problem.SLOT_TAKEN)).isEqualTo(IssueType.CONFLICT);
        assertThat(OperationOutcomes.issueType(Problem.SLOT_NOT_FOUND)).isEqualTo(IssueType.NOTFOUND);
        assertThat(OperationOutcomes.issueType(Problem.BOOKING_SOURCE_UNAVAILABLE)).isEqualTo(IssueType.TRANSIENT);
        assertThat(OperationOutcomes.issueType(Problem.HOLD_ALREADY_LIVE)).isEqualTo(IssueType.BUSINESSRULE);
        assertThat(OperationOutcomes.issueType(Problem.MISSING_PARAMETER)).isEqualTo(IssueType.REQUIRED);
        assertThat(Arrays.stream(Problem.values()).filter(p -> p.status() == 400).map(OperationOutcomes::issueType))
                .allSatisfy(type -> assertThat(type).isIn(IssueType.INVALID, IssueType.REQUIRED, IssueType.STRUCTURE));
    }
}
