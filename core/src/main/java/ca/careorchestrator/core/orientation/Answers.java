package ca.careorchestrator.core.orientation;

import java.util.Optional;

/**
 * What the patient (or the access-desk nurse for them) answered. The reason is a code of the structured list or free
 * text in French or English; every other answer may be missing, and {@link DecisionTable#orient} says which are needed.
 */
public record Answers(Optional<String> reason, Optional<String> text, Optional<Integer> age, Optional<Boolean> pregnant,
        Optional<Boolean> chronic, Optional<Boolean> registered) {

    public Answers {
        if (reason == null || text == null || age == null || pregnant == null || chronic == null || registered == null) {
            throw new IllegalArgumentException("absent answers are empty, not null");
        }
    }

    public static Answers of(String reason, int age, boolean pregnant, boolean chronic, boolean registered) {
        return new Answers(Optional.of(reason), Optional.empty(), Optional.of(age), Optional.of(pregnant), Optional.of(chronic),
                Optional.of(registered));
    }
}
