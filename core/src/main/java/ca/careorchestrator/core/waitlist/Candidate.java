package ca.careorchestrator.core.waitlist;

import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import java.util.Optional;

/**
 * A waiting request that matches a slot, as the caller's admission test sees it: whose it is and its priority
 * (an allocation stage may admit "priority B or higher" only).
 */
public record Candidate(CareRequestId request, PatientId patient, Optional<PriorityCode> priority) {

    public Candidate {
        if (request == null || patient == null || priority == null) {
            throw new IllegalArgumentException("a candidate names its request, its patient and its priority (maybe none)");
        }
    }
}
