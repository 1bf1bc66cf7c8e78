/**
 * FHIR facade: the standard R4 interface at {@code /fhir} (issue #4) for platforms, EMRs and apps that speak
 * FHIR: Slot search, Appointment {@code $find}, {@code $hold}, {@code $book}, read and {@code $cancel} (the
 * Argonaut scheduling operations' semantics), the CapabilityStatement and the service-type CodeSystem; and the
 * SMART Scheduling Links publication of the whole supply at {@code /smart} (issue #7, open data).
 * Owns no table and no state: it translates to and from HAPI's R4 model (HAPI types live here and in the
 * connectors, nowhere else in app) and uses catalog (search), booking (holds, bookings, cancellations),
 * availability and directory (slot and clinic details), security (who acts, fairness guards), the web module's search criteria (the same checks as
 * the JSON API) and the problem catalogue, which it answers as OperationOutcome.
 */
@org.springframework.modulith.ApplicationModule(displayName = "FHIR facade")
package ca.careorchestrator.app.fhir;
