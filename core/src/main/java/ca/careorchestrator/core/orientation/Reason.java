package ca.careorchestrator.core.orientation;

import ca.careorchestrator.core.care.Language;
import java.util.List;
import java.util.Map;

/**
 * A reason for a visit from the structured list. A red flag never leads to a booking. {@code ages} and
 * {@code requiresPregnancy} say whom the reason can concern: answers outside them contradict it.
 */
public record Reason(String code, boolean redFlag, AgeRange ages, boolean requiresPregnancy, Map<Language, String> label,
        Map<Language, List<String>> keywords) {

    public Reason {
        if (code == null || code.isBlank() || ages == null || label == null || keywords == null
                || !label.keySet().containsAll(List.of(Language.FR, Language.EN))) {
            throw new IllegalArgumentException("a reason has a code, the ages it concerns and a label in French and English");
        }
        label = Map.copyOf(label);
        keywords = Map.copyOf(keywords);
    }

    public String label(Language language) {
        return label.get(language);
    }
}
