/**
 * Availability: slots and the listings they were seen through. Owns the {@code availability_*} tables.
 * The database is the record; the in-memory search index arrives with issue #4.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Availability")
package ca.careorchestrator.app.availability;
