package ca.careorchestrator.app.waitlist;

/** What withdrawing a care request gave. */
public sealed interface WithdrawOutcome {

    /** Off the waitlist; an offer that was out is withdrawn and its slot passed on. */
    record Withdrawn(CareRequestView request) implements WithdrawOutcome {
    }

    /** No such request for this patient. */
    record NotFound() implements WithdrawOutcome {
    }

    /** Fulfilled, withdrawn or expired already. */
    record AlreadyEnded(CareRequestView request) implements WithdrawOutcome {
    }
}
