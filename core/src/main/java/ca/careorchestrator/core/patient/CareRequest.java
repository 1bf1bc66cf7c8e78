package ca.careorchestrator.core.patient;

import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.Fsa;
import java.time.Instant;
import java.util.Set;

/**
 * A patient's wish for care, kept on the waitlist until a slot is offered: which service, where (an area
 * and a radius), when (a window) and how (modalities).
 */
public record CareRequest(
        CareRequestId id,
        PatientId patient,
        ServiceTypeCode service,
        Fsa area,
        int radiusKm,
        Instant windowStart,
        Instant windowEnd,
        Set<Modality> modalities,
        Instant filedAt) {

    public CareRequest {
        if (id == null || patient == null || service == null || area == null || windowStart == null
                || windowEnd == null || filedAt == null) {
            throw new IllegalArgumentException("a care request has an id, a patient, a service, an area, a window and a filing time");
        }
        if (radiusKm < 1 || radiusKm > 500) {
            throw new IllegalArgumentException("a radius is 1 to 500 km");
        }
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("a window ends after it starts");
        }
        modalities = Set.copyOf(modalities);
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException("a care request accepts at least one modality");
        }
    }
}
