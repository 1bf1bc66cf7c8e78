package ca.careorchestrator.app.orientation;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.orientation.AnswerDefect;
import ca.careorchestrator.core.orientation.Answers;
import ca.careorchestrator.core.orientation.DecisionTable;
import ca.careorchestrator.core.orientation.OrientationResult;
import ca.careorchestrator.core.orientation.Reason;
import ca.careorchestrator.core.orientation.Recommendation;
import java.util.List;
import org.springframework.stereotype.Service;

/** The orientation every interface uses: the shipped decision table, and its refusals as catalogue problems. */
@Service
public class Orientation {

    private final DecisionTable table = DecisionTable.standard();

    public String version() {
        return table.version();
    }

    public List<Reason> reasons() {
        return table.reasons();
    }

    public OrientationResult orient(Answers answers) {
        return table.orient(answers);
    }

    /** The recommendation, or the problem naming what is wrong (every defect and the candidate reasons as extensions). */
    public Recommendation recommend(Answers answers) {
        return switch (table.orient(answers)) {
            case OrientationResult.Recommended recommended -> recommended.recommendation();
            case OrientationResult.NotOriented refused -> throw problem(refused);
        };
    }

    public static ProblemException problem(OrientationResult.NotOriented refused) {
        AnswerDefect first = refused.defects().getFirst();
        ProblemException problem = new ProblemException(problem(first));
        problem = problem.with("defects", refused.defects().stream().map(Enum::name).toList());
        return refused.candidates().isEmpty() ? problem : problem.with("candidates", refused.candidates().stream().map(Reason::code).toList());
    }

    public static Problem problem(AnswerDefect defect) {
        return switch (defect) {
            case MISSING_REASON, MISSING_AGE, MISSING_PREGNANCY, MISSING_CHRONIC, MISSING_REGISTRATION -> Problem.ORIENTATION_ANSWER_MISSING;
            case UNKNOWN_REASON -> Problem.UNKNOWN_REASON;
            case AMBIGUOUS_REASON -> Problem.AMBIGUOUS_REASON;
            case AGE_OUT_OF_RANGE -> Problem.AGE_OUT_OF_RANGE;
            case CONTRADICTORY_ANSWERS -> Problem.CONTRADICTORY_ANSWERS;
        };
    }
}
