package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Care requests and offers as stored. Each method runs in the caller's transaction. */
public interface WaitlistStore {

    record StoredRequest(CareRequest request, Optional<PriorityCode> priority, String state) {

        public boolean open() {
            return state.equals("OPEN") || state.equals("OFFERED");
        }
    }

    record StoredOffer(OfferId id, CareRequestId request, SlotId slot, HoldId hold, String state, Instant offeredAt, Instant expiresAt,
            Optional<Instant> decidedAt) {

        public OfferView view() {
            return new OfferView(id, request, slot, hold, state, offeredAt, expiresAt, decidedAt);
        }
    }

    /** Inserts an OPEN request; a second open request of one patient for one service breaks a unique key (DuplicateKeyException). */
    void insertRequest(CareRequest request, Optional<PriorityCode> priority);

    Optional<StoredRequest> request(CareRequestId id);

    /** The request, its row locked until the transaction ends. Lock order, everywhere: the request, then its offer. */
    Optional<StoredRequest> lockRequest(CareRequestId id);

    /** The patient's OPEN or OFFERED request for this service. */
    Optional<StoredRequest> openRequest(PatientId patient, ServiceTypeCode service);

    /** The patient's requests, newest first. */
    List<StoredRequest> requestsOf(PatientId patient);

    /** OPEN to OFFERED and back; false when the request was not in {@code from}. */
    boolean moveRequest(CareRequestId id, String from, String to);

    /** FULFILLED, WITHDRAWN or EXPIRED, from OPEN or OFFERED; false when it had ended already. */
    boolean endRequest(CareRequestId id, String state, Instant at);

    void setPriority(CareRequestId id, Optional<PriorityCode> priority);

    /** Every OPEN request in filing order (the index's rebuild; OFFERED ones wait for their offer's answer). */
    void forEachOpen(Consumer<StoredRequest> sink);

    /** OPEN requests whose window ended by {@code now}. */
    List<CareRequestId> openRequestsEndedBy(Instant now, int limit);

    /** Inserts a PENDING offer; a second pending offer for one request breaks a unique key. */
    void insertOffer(StoredOffer offer);

    Optional<StoredOffer> offer(OfferId id);

    Optional<StoredOffer> lockOffer(OfferId id);

    Optional<StoredOffer> pendingOfferOf(CareRequestId request);

    /** ACCEPTED, DECLINED, LAPSED or WITHDRAWN, from PENDING; false when it was decided already. */
    boolean endOffer(OfferId id, String state, Instant at);

    /** PENDING offers that ran out by {@code now}, oldest first. */
    List<StoredOffer> pendingOffersDue(Instant now, int limit);

    /** The requests this slot was ever offered to (whatever became of the offer): it is not offered to them again. */
    Set<CareRequestId> requestsOffered(SlotId slot);
}
