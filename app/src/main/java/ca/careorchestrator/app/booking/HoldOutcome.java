package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.availability.SlotId;

/** What asking to hold a slot gave. */
public sealed interface HoldOutcome {

    record Held(HoldView hold) implements HoldOutcome {
    }

    /** The slot cannot be held: why. */
    record Unavailable(SlotId slot, Why why) implements HoldOutcome {
    }

    /** The patient already holds a slot (one live hold per patient). */
    record AlreadyHolding(HoldView existing) implements HoldOutcome {
    }

    enum Why {
        UNKNOWN, PAST, HELD, TAKEN, WITHDRAWN
    }
}
