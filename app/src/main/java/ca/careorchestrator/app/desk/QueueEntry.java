package ca.careorchestrator.app.desk;

import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An orphan patient's care request as the access desk's queue shows it. {@code age}: since it was filed;
 * {@code breachAt}: when it passes its priority's maximum delay (none without a priority); {@code breached}: it has.
 */
public record QueueEntry(CareRequestId id, PatientId patient, ServiceTypeCode service, Fsa area, String place, RegionCode region,
        Optional<PriorityCode> priority, Instant filedAt, String state, Duration age, Optional<Instant> breachAt, boolean breached) {
}
