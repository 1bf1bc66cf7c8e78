/**
 * Security: who may call what (issue #5). Three filter chains: the embedded demo issuer (OAuth2 client credentials,
 * {@code /oauth2/**}), bearer tokens (JWT) for partner platforms and operators' machines on {@code /api/**},
 * {@code /fhir/**} and {@code /actuator/**}, and sessions for browsers (staff form sign-in here, patients' sign-in in
 * identity). One table of URL rules for both ({@code SecurityConfiguration#rules}); refusals are problems from the
 * catalogue. Public: {@link Role}, {@link Requester} and {@link CurrentActor} (who is acting, for controllers; the
 * booking's {@code Actor} a hold records), and the
 * fairness guards ({@link FairnessGuards}: per-partner quotas, per-patient velocity; the per-partner rate limit is a
 * filter). Uses identity (the signed-in patient's principal and registry), booking (a patient's identity) and problem.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package ca.careorchestrator.app.security;
