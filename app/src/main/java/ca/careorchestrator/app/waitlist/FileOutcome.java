package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.app.problem.Problem;
import java.util.List;

/** What filing a care request gave. */
public sealed interface FileOutcome {

    record Filed(CareRequestView request) implements FileOutcome {
    }

    /** The patient already waits for this service (one open request per patient and service). */
    record AlreadyWaiting(CareRequestView existing) implements FileOutcome {
    }

    /** Not a request the waitlist can hold: the catalogue's problem and its detail's arguments (never patient data). */
    record Refused(Problem problem, List<Object> arguments) implements FileOutcome {

        public Refused {
            arguments = List.copyOf(arguments);
        }
    }
}
