package ca.careorchestrator.app.waitlist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notices written to the log, until e-mail and text messages are wired: the offer, the patient's pseudonymous id and how
 * they would be reached, never a NAM, an e-mail address or a phone number.
 */
@Component
class LoggedOfferNotices implements OfferNotices {

    private static final Logger log = LoggerFactory.getLogger(LoggedOfferNotices.class);

    @Override
    public void offerMade(Notice notice) {
        String reach = notice.contact().map(c -> (c.email() != null && !c.email().isBlank() ? "e-mail" : "")
                + (c.mobilePhone() != null && !c.mobilePhone().isBlank() ? "+text" : "") + " in " + c.language()).orElse("no contact known");
        log.info("Offer {} to patient {} ({}): {} {} at {}, held until {}; answer at {}", notice.offer(), notice.patient(), reach,
                notice.service(), notice.modality(), notice.start(), notice.expiresAt(), notice.answer());
    }
}
