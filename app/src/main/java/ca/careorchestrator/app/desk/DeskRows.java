package ca.careorchestrator.app.desk;

import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The desk's read model (implemented in the persistence package): orphan patients and their open requests. */
public interface DeskRows {

    /** An open request as read: no age yet (the queue computes it at its own clock). */
    record Row(CareRequestId id, PatientId patient, ServiceTypeCode service, Fsa area, String place, RegionCode region,
            Optional<PriorityCode> priority, Instant filedAt, String state) {
    }

    record Orphan(PatientId patient, Fsa area, RegionCode region) {
    }

    /** OPEN and OFFERED requests of orphan patients whose area is in {@code region}, oldest first, at most {@code limit}. */
    List<Row> openRequests(RegionCode region, int limit);

    /** One request of an orphan patient, whatever its state, with its area's region. */
    Optional<Row> request(CareRequestId id);

    /** The registry's residents without a family physician, by id (a stable order for seeded draws). */
    List<Orphan> orphans();

    /** How many care requests the waitlist holds at all (the backlog is filed into an empty waitlist only). */
    long requestCount();
}
