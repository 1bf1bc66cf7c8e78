package ca.careorchestrator.app.waitlist;

/** What declining an offer gave. */
public sealed interface DeclineOutcome {

    /** Declined: the slot goes to the next best request; the patient's request waits for another slot. */
    record Declined(OfferView offer) implements DeclineOutcome {
    }

    record NotFound() implements DeclineOutcome {
    }

    /** It ran out already; nothing changed. */
    record Expired(OfferView offer) implements DeclineOutcome {
    }

    record AlreadyAnswered(OfferView offer) implements DeclineOutcome {
    }
}
