package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.PriorityCode;
import java.util.Optional;

/**
 * A care request as its patient and the access desk see it. {@code state}: OPEN, OFFERED (an offer is out),
 * FULFILLED, WITHDRAWN, EXPIRED (its window ended).
 */
public record CareRequestView(CareRequest request, Optional<PriorityCode> priority, String state, Optional<OfferView> pendingOffer) {
}
