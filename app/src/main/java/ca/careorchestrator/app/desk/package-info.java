/**
 * Access desk (GAP, issue #6): the queue of orphan patients' care requests of a health region, each with its age and
 * whether it is past its priority's maximum delay ({@code PriorityCodes}); and the desk's synthetic work, a backlog
 * filed when the province is provisioned and a daily inflow. Owns no table: the queue is a read model over the
 * waitlist's requests, the registry's people and the directory's areas (one query, read only); every change goes through
 * the waitlist's use cases.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access desk")
package ca.careorchestrator.app.desk;
