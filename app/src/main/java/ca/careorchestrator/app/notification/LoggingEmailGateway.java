package ca.careorchestrator.app.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without an SMTP server ({@code spring.mail.host} unset): says at INFO that an e-mail was not sent; its text at DEBUG. */
final class LoggingEmailGateway implements EmailGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingEmailGateway.class);
    private static final Logger delivery = LoggerFactory.getLogger("care.notification.delivery");

    @Override
    public void send(String to, String subject, String text) {
        log.info("E-mail disabled: a message was not sent (set spring.mail.host)");
        delivery.debug("E-mail not sent: {} / {}", subject, text);
    }
}
