/**
 * Identity: the registry of insured people (synthetic), patients' sign-in (NAM, birth date, one-time code), the
 * protection of the NAM at rest (keyed hash for lookup, encryption for display) and the audit trail of every read of
 * a patient's data. Owns the {@code identity_*} tables. Issue #5.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package ca.careorchestrator.app.identity;
