package ca.careorchestrator.app.fairness;

import ca.careorchestrator.core.fairness.Flag;
import java.util.UUID;

/** A hoarding flag was raised and stored (the observatory counts them). */
public record HoardingFlagged(UUID id, Flag flag) {
}
