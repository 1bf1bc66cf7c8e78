package ca.careorchestrator.app.allocation;

import ca.careorchestrator.core.allocation.PolicyDefect;
import ca.careorchestrator.core.allocation.WhatIf;
import java.time.Instant;
import java.util.List;

/** What proposing a policy for a scope gave: saved (or forecast), or why not. Nothing is changed unless saved. */
public sealed interface PolicyChange {

    record Saved(StoredPolicy policy) implements PolicyChange {
    }

    /**
     * The candidate's forecast over the scope's free slots in {@code [from, to)} that it would govern once saved
     * ({@code slots} of them; a more specific policy keeps its own).
     */
    record Forecast(PolicyScope scope, Instant from, Instant to, WhatIf.Forecast forecast) implements PolicyChange {
    }

    /** The scope names a clinic, professional (of that clinic) or service that does not exist. */
    record UnknownScope(ScopeDefect defect) implements PolicyChange {
    }

    /** The stages are not a valid policy: every defect. */
    record Invalid(List<PolicyDefect> defects) implements PolicyChange {
        public Invalid {
            defects = List.copyOf(defects);
        }
    }

    enum ScopeDefect {
        UNKNOWN_CLINIC, UNKNOWN_PROFESSIONAL, UNKNOWN_SERVICE
    }
}
