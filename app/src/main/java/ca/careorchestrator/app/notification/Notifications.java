package ca.careorchestrator.app.notification;

import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.patient.PatientId;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** Sends a notice to a patient's contact in the registry, in their language, by e-mail or SMS. */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final InsuredPeople people;
    private final EmailGateway email;
    private final SmsGateway sms;
    private final MessageSource messages;

    Notifications(InsuredPeople people, EmailGateway email, SmsGateway sms, MessageSource messages) {
        this.people = people;
        this.email = email;
        this.sms = sms;
        this.messages = messages;
    }

    public enum Delivery {
        SENT, NO_CONTACT
    }

    public Delivery send(PatientId patient, Notice notice, Channel channel) {
        Optional<InsuredPeople.Contact> contact = people.contact(patient);
        if (contact.isEmpty()) {
            log.info("Notice {} for patient {} not sent: not in the registry", notice.key(), patient);
            return Delivery.NO_CONTACT;
        }
        Locale locale = contact.get().language() == Language.EN ? Locale.ENGLISH : Locale.CANADA_FRENCH;
        Object[] arguments = notice.arguments().toArray();
        String subject = messages.getMessage("notice." + notice.key() + ".subject", arguments, locale);
        String text = messages.getMessage("notice." + notice.key() + ".text", arguments, locale)
                + notice.link().map(link -> "\n\n" + link).orElse("");
        switch (channel) {
            case EMAIL -> {
                if (contact.get().email() == null) {
                    log.info("Notice {} for patient {} not sent: no e-mail address", notice.key(), patient);
                    return Delivery.NO_CONTACT;
                }
                email.send(contact.get().email(), subject, text);
            }
            case SMS -> {
                if (contact.get().mobilePhone() == null) {
                    log.info("Notice {} for patient {} not sent: no mobile phone", notice.key(), patient);
                    return Delivery.NO_CONTACT;
                }
                sms.send(contact.get().mobilePhone(), subject + ": " + text);
            }
        }
        log.info("Notice {} sent to patient {} by {}", notice.key(), patient, channel);
        return Delivery.SENT;
    }
}
