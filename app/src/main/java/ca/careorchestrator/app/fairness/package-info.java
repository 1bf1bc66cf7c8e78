/**
 * Fairness: watches what each channel and identity does with slots (holds, drops, bookings, cancellations, failed
 * verifications) through booking's events, and raises hoarding flags (core {@code HoardingWatch}) into the
 * ministry's audit view. Owns the {@code fairness_*} tables. The guards that refuse (one live hold per patient, hold
 * expiry, the per-service appointment limit, per-partner quotas and velocity limits) live where the requests are
 * taken; this module makes what gets through visible.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Fairness")
package ca.careorchestrator.app.fairness;
