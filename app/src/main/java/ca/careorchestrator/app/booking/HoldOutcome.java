package ca.careorchestrator.app.booking;

import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.core.availability.SlotId;

/** What asking to hold a slot gave. */
public sealed interface HoldOutcome {

    record Held(HoldView hold) implements HoldOutcome {
    }

    /** The slot cannot be held: why. */
    record Unavailable(SlotId slot, Why why) implements HoldOutcome {
    }

    /** The slot's allocation policy does not admit this patient now (not yet, or not at all). */
    record NotOpenToYou(SlotId slot, HoldAdmission.Verdict.Refused refusal) implements HoldOutcome {
    }

    /** The patient already holds a slot (one live hold per patient). */
    record AlreadyHolding(HoldView existing) implements HoldOutcome {
    }

    /** Why a slot cannot be held, and the catalogue's problem every interface answers with. */
    enum Why {
        UNKNOWN(Problem.SLOT_NOT_FOUND), PAST(Problem.SLOT_IN_PAST), HELD(Problem.SLOT_HELD), TAKEN(Problem.SLOT_TAKEN),
        WITHDRAWN(Problem.SLOT_WITHDRAWN), APPOINTMENT_LIMIT(Problem.APPOINTMENT_LIMIT_REACHED);

        private final Problem problem;

        Why(Problem problem) {
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
