package ca.careorchestrator.app.notification;

/**
 * Sends a text message to a mobile phone. The only implementation logs it ({@link LoggingSmsGateway}); a real SMS
 * provider is another implementation of this interface.
 */
public interface SmsGateway {

    void send(String mobilePhone, String text);

    /** A phone number for a log: all digits hidden but the last two. */
    static String masked(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        return digits.length() <= 2 ? "**" : "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
    }
}
