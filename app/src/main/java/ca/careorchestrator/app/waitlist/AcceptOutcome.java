package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.core.care.SourceSystem;

/** What accepting an offer gave. */
public sealed interface AcceptOutcome {

    /** Booked at the source, waiting for its answer, or handed over to its page or phone: {@code booking} says which. */
    record Accepted(OfferView offer, BookOutcome booking) implements AcceptOutcome {
    }

    /** No such offer for this patient. */
    record NotFound() implements AcceptOutcome {
    }

    /** It ran out before the answer came; nothing changed. */
    record Expired(OfferView offer) implements AcceptOutcome {
    }

    /** Accepted, declined or withdrawn already. */
    record AlreadyAnswered(OfferView offer) implements AcceptOutcome {
    }

    /** The source took or withdrew the slot meanwhile (its word wins); the request waits again. */
    record SlotGone(OfferView offer, String reason) implements AcceptOutcome {
    }

    /** The slot's source is not connected now; the offer still runs, try again. */
    record SourceUnavailable(SourceSystem source) implements AcceptOutcome {
    }
}
