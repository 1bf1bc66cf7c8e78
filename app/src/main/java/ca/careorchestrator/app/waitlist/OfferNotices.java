package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.patient.PatientId;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells a patient that a slot is held for them and until when, with the page where they accept or decline it. The
 * application ships a logging implementation; a deployment sends e-mails or texts (the lead wires the real one).
 */
public interface OfferNotices {

    void offerMade(Notice notice);

    /**
     * What a notice says. {@code contact} is where the registry says the patient is reached (empty: unknown), {@code answer}
     * the page with both choices; {@code accept} and {@code decline} the JSON API's POST endpoints.
     */
    record Notice(OfferId offer, PatientId patient, Optional<InsuredPeople.Contact> contact, SlotId slot, ServiceTypeCode service,
            Modality modality, Instant start, String clinicName, Instant expiresAt, URI answer, URI accept, URI decline) {
    }
}
