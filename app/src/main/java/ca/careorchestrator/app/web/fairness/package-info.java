/** The ministry's fairness pages: the hoarding flags the fairness module raised. */
package ca.careorchestrator.app.web.fairness;
