package ca.careorchestrator.core.orientation;

import ca.careorchestrator.core.care.Language;
import java.util.Map;

/** The outcome, and why: which row of which version of the table matched, with its reason in both languages. */
public record Recommendation(String version, String rowId, Reason reason, Outcome outcome, Map<Language, String> why) {

    public Recommendation {
        why = Map.copyOf(why);
    }

    public String why(Language language) {
        return why.get(language);
    }
}
