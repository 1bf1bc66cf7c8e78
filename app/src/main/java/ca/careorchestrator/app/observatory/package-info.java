/**
 * Observatory (issue #7): the ministry's province-wide view of supply, use, demand, access, data quality and
 * fairness, as daily rollups per region (RSS), local network (RLS), clinic, service type and profession. Events
 * (booking, waitlist, availability, fairness) say which days and regions changed; the rollups of those are recomputed
 * from the record, so they reconcile exactly with the slot and appointment tables. Searches, which leave no record, are
 * counted as they happen. Owns the {@code observatory_*} tables; reads slots, appointments, the waitlist, the registry,
 * the quarantine and flags only through SQL over their tables in its persistence package (a read model), and areas and
 * clinics through directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Observatory")
package ca.careorchestrator.app.observatory;
