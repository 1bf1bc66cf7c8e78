package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.notification.Channel;
import ca.careorchestrator.app.notification.Notifications;
import ca.careorchestrator.core.care.Language;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Offer notices by e-mail and by text message both (an offer lasts minutes: whichever the patient sees first), in the
 * patient's language, with Quebec times and the page where they accept or decline. Free, like every alert.
 */
@Component
class NotifiedOfferNotices implements OfferNotices {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");
    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, H 'h' mm", Locale.CANADA_FRENCH).withZone(QUEBEC);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy, h:mm a", Locale.CANADA).withZone(QUEBEC);
    private static final DateTimeFormatter FRENCH_TIME = DateTimeFormatter.ofPattern("H 'h' mm", Locale.CANADA_FRENCH).withZone(QUEBEC);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.CANADA).withZone(QUEBEC);

    private final Notifications notifications;

    NotifiedOfferNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void offerMade(Notice notice) {
        boolean english = notice.contact().map(InsuredPeople.Contact::language).orElse(Language.FR) == Language.EN;
        ca.careorchestrator.app.notification.Notice message = new ca.careorchestrator.app.notification.Notice("offer-made",
                List.of(notice.clinicName(), (english ? ENGLISH : FRENCH).format(notice.start()),
                        (english ? ENGLISH_TIME : FRENCH_TIME).format(notice.expiresAt())), Optional.of(notice.answer()));
        notifications.send(notice.patient(), message, Channel.EMAIL);
        notifications.send(notice.patient(), message, Channel.SMS);
    }
}
