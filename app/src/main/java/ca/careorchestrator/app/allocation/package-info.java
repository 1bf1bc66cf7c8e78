/**
 * Allocation: the clinics' allocation policies (règles d'octroi) per scope (clinic, professional, service), who changed
 * them and when (history kept), an in-memory book of the current ones that the search consults per hit, and the
 * admission of a patient to a slot (search visibility, holds, explanations, what-if forecasts). Decisions are in
 * {@code core.allocation}. Owns the {@code allocation_*} tables. Uses directory, catalog, booking (its
 * {@code HoldAdmission} port), identity (patient profiles) and provisioning (seeding). Issue #5.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Allocation")
package ca.careorchestrator.app.allocation;
