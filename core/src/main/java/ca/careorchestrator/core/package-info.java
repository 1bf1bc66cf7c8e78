/**
 * The canonical model of care-orchestrator and the decisions made on it. JDK only: no Spring, no HAPI,
 * no JDBC (enforced by Maven Enforcer and ArchUnit). Times are {@link java.time.Instant}s in UTC; a
 * {@link java.time.Clock} or a date is always passed in, never read from the wall.
 */
package ca.careorchestrator.core;
