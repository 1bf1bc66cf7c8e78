package ca.careorchestrator.core.fairness;

/** Patterns that look like hoarding, watched per channel and identity (DESIGN.md, "Fairness"). */
public enum Signal {
    /** Many holds let go or left to expire without a booking: slots kept away from others, then dropped. */
    HOLD_CHURN,
    /** Holds placed seconds after a slot was freed, again and again: a bot watching for releases. */
    RELEASE_SNIPING,
    /** One patient identity booking many appointments in a day. */
    MANY_BOOKINGS_PER_IDENTITY,
    /** Bookings cancelled soon after they were made: slots parked, then resold or moved. */
    QUICK_CANCELLATIONS,
    /** Patient identities that fail verification through the same channel: made-up or borrowed identities. */
    FAILED_VERIFICATIONS
}
