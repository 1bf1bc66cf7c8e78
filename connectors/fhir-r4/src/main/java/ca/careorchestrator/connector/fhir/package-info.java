/**
 * FHIR R4 REST sources (Rendez-vous santé Québec, Tap Medical, Dialogue): searches Location,
 * PractitionerRole, Schedule and Slot ({@code _lastUpdated=gt}, Bundle {@code next} links) into
 * {@link ca.careorchestrator.connector.spi.SourceRecord}s with the source's own codes, and books by
 * conditional Appointment create, cancels by JSON Patch. HTTP is {@code java.net.http}; resources are
 * parsed one by one with HAPI FHIR so one broken entry does not lose its Bundle. See README.md.
 */
package ca.careorchestrator.connector.fhir;
