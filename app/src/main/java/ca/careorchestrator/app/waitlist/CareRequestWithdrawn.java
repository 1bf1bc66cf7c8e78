package ca.careorchestrator.app.waitlist;

import ca.careorchestrator.core.patient.CareRequestId;
import java.time.Instant;

/** A care request left the waitlist unfulfilled: withdrawn by its patient, or its window ended ({@code expired}). */
public record CareRequestWithdrawn(CareRequestId request, boolean expired, Instant at) {
}
