package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.identity.AuditEntry;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.patient.PatientId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail of reads of patients' data, for the operator and the ministry's analysts (the security module
 * admits OPERATOR and MINISTRY_ANALYST here): by patient, by actor, by time, newest first.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
@Tag(name = "Audit", description = "Who read which patient's data, when and why")
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    record AuditJson(long id, Instant at, String actorKind, String actorId, String action, String patient, String purpose, String outcome) {

        static AuditJson of(AuditEntry e) {
            return new AuditJson(e.id(), e.at(), e.actor().kind().name(), e.actor().id(), e.action(), e.subject().toString(), e.purpose(),
                    e.outcome().name());
        }
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first: filter by patient id, actor kind and id, and a time range [from, to)")
    List<AuditJson> find(@RequestParam(required = false) String patient, @RequestParam(required = false) String actorKind,
            @RequestParam(required = false) String actorId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "limit");
        }
        Optional<AuditEntry.Actor.Kind> kind = Optional.ofNullable(actorKind).filter(k -> !k.isBlank()).map(k -> {
            try {
                return AuditEntry.Actor.Kind.valueOf(k.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.MALFORMED_PARAMETER, "actorKind");
            }
        });
        AuditTrail.Query query = new AuditTrail.Query(Optional.ofNullable(patient).filter(p -> !p.isBlank()).map(p -> new PatientId(Params.id(p))),
                kind, Optional.ofNullable(actorId).filter(a -> !a.isBlank()), instant(from, "from"), instant(to, "to"), limit);
        return audit.find(query).stream().map(AuditJson::of).toList();
    }

    private static Optional<Instant> instant(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(raw.strip()));
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, name);
        }
    }
}
