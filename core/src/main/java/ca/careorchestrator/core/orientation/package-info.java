/**
 * Orientation: from a patient's answers (reason for the visit, age, pregnancy, chronic condition, registration) to
 * the right service, the professions in order of preference and the longest safe delay, by a versioned decision
 * table kept as data ({@code decision-table.tsv}, {@code reasons.tsv}); red flags lead to 911 or 811, never to a
 * booking. Advice for routing, not a diagnosis. Issue #6.
 */
package ca.careorchestrator.core.orientation;
