package ca.careorchestrator.app.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SMS gateway of a demo and of the tests: nothing leaves the machine. INFO says a text went to a masked phone;
 * the text itself (it may carry a code) only at DEBUG on {@code care.notification.delivery}.
 */
@Component
final class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);
    private static final Logger delivery = LoggerFactory.getLogger("care.notification.delivery");

    @Override
    public void send(String mobilePhone, String text) {
        log.info("SMS to {} ({} characters), logged instead of sent", SmsGateway.masked(mobilePhone), text.length());
        delivery.debug("SMS to {}: {}", SmsGateway.masked(mobilePhone), text);
    }
}
