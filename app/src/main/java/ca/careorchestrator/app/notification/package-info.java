/**
 * Notification: notices to a patient (a sign-in code, later an offered slot) by e-mail over SMTP or by SMS through
 * an {@link ca.careorchestrator.app.notification.SmsGateway}, in the patient's language, to the contact the registry
 * of insured people keeps. Never logs a NAM, an e-mail address or a message text at INFO. Issue #5.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package ca.careorchestrator.app.notification;
