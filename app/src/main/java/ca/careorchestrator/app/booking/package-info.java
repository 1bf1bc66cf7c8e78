/**
 * Booking: holds, appointments and the saga that books on the source system (hold, book at the source with
 * an idempotency key, confirm or explain), cancellation, rescheduling, hold expiry and reconciliation of
 * answers that never came. Owns the {@code booking_*} tables; moves slot states through availability; books
 * through ingestion's connectors. Asks its ports, implemented elsewhere, whether a hold may be made: allocation's
 * admission ({@code HoldAdmission}) and the waitlist's first look at freed slots ({@code FirstLook}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Booking")
package ca.careorchestrator.app.booking;
