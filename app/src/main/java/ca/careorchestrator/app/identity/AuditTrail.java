package ca.careorchestrator.app.identity;

import ca.careorchestrator.core.patient.PatientId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of reads of a patient's data (issue #5): every module that shows a patient's appointments, holds,
 * care requests or profile records here, right after the read. The operator queries it by patient, actor and time.
 */
public interface AuditTrail {

    void record(AuditEntry.Actor actor, String action, PatientId subject, String purpose, AuditEntry.Outcome outcome);

    default void granted(AuditEntry.Actor actor, String action, PatientId subject, String purpose) {
        record(actor, action, subject, purpose, AuditEntry.Outcome.GRANTED);
    }

    /** Newest first; every criterion optional. */
    List<AuditEntry> find(Query query);

    record Query(Optional<PatientId> subject, Optional<AuditEntry.Actor.Kind> actorKind, Optional<String> actorId,
            Optional<Instant> from, Optional<Instant> to, int limit) {

        public Query {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("a query returns 1 to 1000 entries");
            }
        }
    }
}
