package ca.careorchestrator.app.booking;

import ca.careorchestrator.core.allocation.Decision;
import ca.careorchestrator.core.allocation.Explanation;
import ca.careorchestrator.core.availability.SlotId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether the slot's allocation policy lets this patient hold it now (DESIGN.md "Allocation rules"). Implemented by
 * the allocation module (which reads the patient's profile); booking only asks, so that it depends on neither.
 * Reads only, takes no lock: {@link Bookings#hold} asks before it locks the slot row.
 */
public interface HoldAdmission {

    Verdict admit(SlotId slot, PatientIdentity patient, Instant now);

    /** Without allocation rules (a context without the allocation module): everyone, as "no policy" would. */
    HoldAdmission EVERYONE = (slot, patient, now) -> new Verdict.Admitted(new AdmittedBy(Optional.empty(), 1, "ANY_INSURED"));

    /** The stage that admitted a hold, recorded with it and its appointment. {@code policy} empty: no policy set. */
    record AdmittedBy(Optional<UUID> policy, int stage, String audience) {
    }

    sealed interface Verdict {

        record Admitted(AdmittedBy by) implements Verdict {
        }

        /** Not admitted now: not yet (the decision says when) or not at all; the explanation says why, stage by stage. */
        record Refused(Decision decision, Explanation explanation) implements Verdict {

            public Optional<Instant> opensAt() {
                return decision instanceof Decision.NotYet notYet ? Optional.of(notYet.opensAt()) : Optional.empty();
            }
        }
    }
}
