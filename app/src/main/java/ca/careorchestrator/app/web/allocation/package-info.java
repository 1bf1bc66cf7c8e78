/**
 * Clinic staff's allocation-policy editor (issue #5): the clinic's current rules, a proposal forecast on the coming week
 * (what-if) before it is saved. Part of the web module. Its path, {@code /clinique/{clinicId}/regles}, is for the
 * clinic's own staff (the security module restricts it).
 */
package ca.careorchestrator.app.web.allocation;
