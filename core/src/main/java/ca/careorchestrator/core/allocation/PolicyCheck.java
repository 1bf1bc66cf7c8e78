package ca.careorchestrator.core.allocation;

import java.util.List;

/** A proposed policy checked: valid, or every defect found (not only the first). */
public sealed interface PolicyCheck {

    record Valid(AllocationPolicy policy) implements PolicyCheck {
    }

    record Invalid(List<PolicyDefect> defects) implements PolicyCheck {
        public Invalid {
            defects = List.copyOf(defects);
            if (defects.isEmpty()) {
                throw new IllegalArgumentException("an invalid policy has at least one defect");
            }
        }
    }
}
