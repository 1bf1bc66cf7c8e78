package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.ingestion.Quarantine;
import ca.careorchestrator.app.ingestion.QuarantineEntry;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.SourceSystem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import ca.careorchestrator.connector.spi.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@io.swagger.v3.oas.annotations.security.SecurityScheme(name = "operations", type = io.swagger.v3.oas.annotations.enums.SecuritySchemeType.OAUTH2,
        description = "Operators: their session, or an operations client's token (client credentials, scope operations)",
        flows = @io.swagger.v3.oas.annotations.security.OAuthFlows(clientCredentials = @io.swagger.v3.oas.annotations.security.OAuthFlow(
                tokenUrl = "/oauth2/token", scopes = @io.swagger.v3.oas.annotations.security.OAuthScope(name = "operations",
                description = "sources, quarantine, mapping tables"))))
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "operations", scopes = "operations")
@Tag(name = "Sources", description = "Connected platforms, their health, the quarantine and the mapping tables (operators)")
class SourcesApi {

    private final Sources sources;
    private final Quarantine quarantine;
    private final Clock clock;

    SourcesApi(Sources sources, Quarantine quarantine, Clock clock) {
        this.sources = sources;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    record SourceJson(String source, String name, String protocol, String bookingChannel, String address, String mode,
            String phase, String circuit, Instant lastSuccess, Long lagSeconds, Instant lastAttempt, String lastError,
            Instant nextAttempt, Instant lastFullRead, int consecutiveFailures, long recordsIn, long applied, long stale,
            long quarantined, long openQuarantine, String mappingVersion) {

        static SourceJson of(SourceStatus s, Instant now, String mappingVersion) {
            return new SourceJson(s.source().name(), s.source().displayName(), s.source().protocol().name(),
                    s.source().bookingChannel().name(), s.address(), s.mode().name(), s.phase().name(), s.circuit().name(),
                    s.lastSuccess().orElse(null), s.lag(now).map(d -> d.toSeconds()).orElse(null), s.lastAttempt().orElse(null),
                    s.lastError().orElse(null), s.nextAttempt().orElse(null), s.lastFullRead().orElse(null),
                    s.consecutiveFailures(), s.recordsIn(), s.applied(), s.stale(), s.quarantined(), s.openQuarantine(),
                    mappingVersion);
        }
    }

    record QuarantineJson(long id, String source, String externalId, String reason, String rawPayload, boolean replayable,
            Instant receivedAt, String status, Instant resolvedAt, int attempts) {

        static QuarantineJson of(QuarantineEntry e) {
            return new QuarantineJson(e.id(), e.source().name(), e.externalId().orElse(null), e.reason(), e.rawPayload(),
                    e.replayable(), e.receivedAt(), e.status().name(), e.resolvedAt().orElse(null), e.attempts());
        }
    }

    record ReplayJson(int replayed, int stillFailing, int notReplayable) {
        static ReplayJson of(Sources.ReplayResult r) {
            return new ReplayJson(r.replayed(), r.stillFailing(), r.notReplayable());
        }
    }

    record QuarantinePageJson(List<QuarantineJson> items, int page, int size, long totalItems) {
    }

    @GetMapping("/sources")
    @Operation(summary = "Every connected source: last success, lag, records in and applied, errors, quarantine, circuit")
    List<SourceJson> sources() {
        Instant now = clock.instant();
        Map<SourceSystem, String> versions = sources.mappingVersions();
        return sources.statuses().stream().map(s -> SourceJson.of(s, now, versions.get(s.source()))).toList();
    }

    @GetMapping("/sources/{source}")
    @Operation(summary = "One source's status")
    SourceJson source(@PathVariable String source) {
        SourceSystem system = system(source);
        SourceStatus status = sources.status(system)
                .orElseThrow(() -> new ProblemException(Problem.SOURCE_NOT_CONNECTED, system.name()));
        return SourceJson.of(status, clock.instant(), sources.mappingVersions().get(system));
    }

    @PostMapping("/sources/{source}/sync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Read a source now (full=true: a full read, which notices slots deleted silently)")
    void sync(@PathVariable String source, @RequestParam(defaultValue = "false") boolean full) {
        SourceSystem system = system(source);
        if (!sources.syncNow(system, full)) {
            throw new ProblemException(Problem.SOURCE_NOT_CONNECTED, system.name());
        }
    }

    @PostMapping(path = "/sources/{source}/notifications", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "A source's push notification (e.g. a FHIR rest-hook subscription bundle), applied before the answer")
    ResponseEntity<Map<String, Object>> notification(@PathVariable String source,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestBody byte[] body) {
        SourceSystem system = system(source);
        return switch (sources.notification(system, contentType == null ? "" : contentType, body)) {
            case Sources.Notified.NotAccepted none -> throw new ProblemException(Problem.SOURCE_NOT_CONNECTED, system.name());
            case Sources.Notified.Handled handled -> switch (handled.outcome()) {
                case Outcome.Ok ok ->
                        ResponseEntity.accepted().body(Map.of("records", ok.recordsRead()));
                case Outcome.Rejected rejected ->
                        throw new ProblemException(Problem.NOTIFICATION_REJECTED, system.name(), rejected.reason());
                case Outcome.RetryAfter retry -> throw new ProblemException(Problem.SOURCE_BUSY,
                        system.name()).retryAfter(retry.delay());
                case Outcome.PermanentFailure failure ->
                        throw new ProblemException(Problem.NOTIFICATION_REJECTED, system.name(), failure.reason());
            };
        };
    }

    @GetMapping("/quarantine")
    @Operation(summary = "Quarantined records, newest first, with reason and payload as received")
    QuarantinePageJson quarantine(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        var request = Params.page(page, size);
        Optional<SourceSystem> system = Optional.ofNullable(source).filter(s -> !s.isBlank()).map(SourcesApi::system);
        Optional<QuarantineEntry.Status> state = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(SourcesApi::status);
        List<QuarantineJson> items = quarantine.list(system, state, request.page() * request.size(), request.size()).stream()
                .map(QuarantineJson::of).toList();
        return new QuarantinePageJson(items, request.page(), request.size(), quarantine.count(system, state));
    }

    @GetMapping("/quarantine/{id}")
    @Operation(summary = "One quarantined record")
    QuarantineJson entry(@PathVariable long id) {
        return QuarantineJson.of(quarantine.get(id).orElseThrow(() -> new ProblemException(Problem.QUARANTINE_ENTRY_NOT_FOUND, id)));
    }

    @PostMapping("/quarantine/{id}/replay")
    @Operation(summary = "Replay one record through today's mapping tables and directory")
    ReplayJson replay(@PathVariable long id) {
        openEntry(id);
        return ReplayJson.of(sources.replay(id));
    }

    @PostMapping("/quarantine/{id}/discard")
    @Operation(summary = "Mark one record as looked at and not to be applied")
    QuarantineJson discard(@PathVariable long id) {
        openEntry(id);
        quarantine.resolve(id, QuarantineEntry.Status.DISCARDED, clock.instant());
        return entry(id);
    }

    @PostMapping("/quarantine/replay")
    @Operation(summary = "Replay every open, replayable record of a source (at most 10,000 per call)")
    ReplayJson replayAll(@RequestParam String source) {
        return ReplayJson.of(sources.replayAll(system(source), 10_000));
    }

    @GetMapping("/mappings")
    @Operation(summary = "The mapping table version in use for each source")
    Map<String, String> mappings() {
        return sources.mappingVersions().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue, (a, b) -> a, java.util.TreeMap::new));
    }

    @PostMapping("/mappings/reload")
    @Operation(summary = "Read the mapping tables again (after a fix in care.ingestion.mappings-dir)")
    Map<String, String> reloadMappings() {
        sources.reloadMappings();
        return mappings();
    }

    private void openEntry(long id) {
        QuarantineEntry entry = quarantine.get(id).orElseThrow(() -> new ProblemException(Problem.QUARANTINE_ENTRY_NOT_FOUND, id));
        if (entry.status() != QuarantineEntry.Status.OPEN) {
            throw new ProblemException(Problem.QUARANTINE_ENTRY_RESOLVED, id, entry.status().name());
        }
    }

    static SourceSystem system(String raw) {
        String name = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(SourceSystem.values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_SOURCE, raw,
                        Arrays.stream(SourceSystem.values()).map(s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .collect(Collectors.joining(", "))));
    }

    private static QuarantineEntry.Status status(String raw) {
        try {
            return QuarantineEntry.Status.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.UNKNOWN_QUARANTINE_STATUS, raw);
        }
    }
}
