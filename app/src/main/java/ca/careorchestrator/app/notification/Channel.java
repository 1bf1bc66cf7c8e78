package ca.careorchestrator.app.notification;

/** How a notice travels. */
public enum Channel {
    EMAIL, SMS
}
