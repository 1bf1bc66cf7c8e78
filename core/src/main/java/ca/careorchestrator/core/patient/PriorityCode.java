package ca.careorchestrator.core.patient;

/**
 * The access desk's priority for an orphan patient's request, A the most urgent. An allocation stage that admits
 * "priority B or higher" admits A and B. The maximum delay each code carries is data (issue #6), not code.
 */
public enum PriorityCode {
    A, B, C, D, E;

    /** Whether this code is as urgent as {@code threshold} or more (A is at least B). */
    public boolean atLeast(PriorityCode threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
