/**
 * Orientation (issue #6): the decision table (core {@code DecisionTable}, a versioned data file) that turns a
 * patient's answers into the right service, professions and delay, or into 911 / 811 for red flags; and the
 * translation of its refusals into the problem catalogue. Owns no table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orientation")
package ca.careorchestrator.app.orientation;
