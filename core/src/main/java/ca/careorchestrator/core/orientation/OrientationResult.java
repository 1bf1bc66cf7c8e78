package ca.careorchestrator.core.orientation;

import java.util.List;

/** A recommendation, or what is wrong with the answers (with the candidate reasons when the text was ambiguous). */
public sealed interface OrientationResult {

    record Recommended(Recommendation recommendation) implements OrientationResult {
    }

    record NotOriented(List<AnswerDefect> defects, List<Reason> candidates) implements OrientationResult {

        public NotOriented {
            defects = List.copyOf(defects);
            candidates = List.copyOf(candidates);
            if (defects.isEmpty()) {
                throw new IllegalArgumentException("answers are refused for at least one reason");
            }
        }
    }
}
