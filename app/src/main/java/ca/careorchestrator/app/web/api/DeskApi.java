package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.desk.DeskActions;
import ca.careorchestrator.app.desk.DeskQueue;
import ca.careorchestrator.app.desk.QueueEntry;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PriorityCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access desk's queue and actions, for the signed-in desk user's region only (a request of another region:
 * {@code desk-other-region}, 403, nothing read or changed). Priorities are set with {@code PUT
 * /api/v1/care-requests/{id}/priority} (the waitlist API). The queue shows no patient's name; opening a request does,
 * and is audited.
 */
@RestController
@RequestMapping(path = "/api/v1/desk", produces = "application/json")
@Tag(name = "Access desk", description = "Orphan patients' care requests of the desk's region: queue, priorities, booking on behalf")
class DeskApi {

    private final DeskQueue queue;
    private final DeskActions actions;
    private final CurrentActor actors;
    private final ca.careorchestrator.app.security.FairnessGuards guards;

    DeskApi(DeskQueue queue, DeskActions actions, CurrentActor actors, ca.careorchestrator.app.security.FairnessGuards guards) {
        this.queue = queue;
        this.actions = actions;
        this.actors = actors;
        this.guards = guards;
    }

    /** {@code ageHours}: since filing; {@code breachAt}: when the priority's maximum delay runs out (null: no priority). */
    record QueueJson(String id, String service, String fsa, String place, String region, String priority, String state, Instant filedAt,
            long ageHours, Instant breachAt, boolean breached) {

        static QueueJson of(QueueEntry e) {
            return new QueueJson(e.id().toString(), e.service().value(), e.area().value(), e.place(), e.region().value(),
                    e.priority().map(Enum::name).orElse(null), e.state(), e.filedAt(), e.age().toHours(), e.breachAt().orElse(null), e.breached());
        }
    }

    record RequestJson(QueueJson request, String familyName, String givenName) {
    }

    record BookRequest(String slotId) {
    }

    record BookedJson(String outcome, BookingApi.AppointmentJson appointment, BookingApi.Handover handover) {
    }

    @GetMapping("/care-requests")
    @Operation(summary = "The queue: open care requests of orphan patients in the desk's region, most urgent first (state OPEN|OFFERED,"
            + " priority A..E or none)")
    List<QueueJson> queue(@RequestParam(required = false) String state, @RequestParam(required = false) String priority) {
        return queue.queue(region(), filter(state, priority)).stream().map(QueueJson::of).toList();
    }

    @GetMapping("/care-requests/{id}")
    @Operation(summary = "A request of the desk's region with the patient's name (audited)")
    RequestJson request(@PathVariable String id, HttpServletRequest http) {
        DeskActions.Opened opened = actions.open(new CareRequestId(Params.id(id)), region(), Actors.current(http));
        PatientIdentity patient = opened.patient();
        return new RequestJson(QueueJson.of(opened.entry()), patient.familyName(), patient.givenName());
    }

    @PostMapping(path = "/care-requests/{id}/book", consumes = "application/json")
    @Operation(summary = "Book a slot on the patient's behalf (held with the desk as actor, audited as on behalf); the request is fulfilled")
    ResponseEntity<BookedJson> book(@PathVariable String id, @RequestBody BookRequest body, HttpServletRequest http) {
        if (body == null || body.slotId() == null || body.slotId().isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "slotId");
        }
        CareRequestId request = new CareRequestId(Params.id(id));
        SlotId slot = new SlotId(Params.id(body.slotId()));
        RegionCode region = region();
        BookOutcome booked = actions.book(request, slot, region, actors::actorFor, guards::holdIfAdmitted, Actors.current(http));
        return switch (booked) {
            case BookOutcome.Confirmed c -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new BookedJson("CONFIRMED", BookingApi.AppointmentJson.of(c.appointment()), null));
            case BookOutcome.Pending p -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new BookedJson("PENDING", BookingApi.AppointmentJson.of(p.appointment()), null));
            case BookOutcome.HandedOver h -> ResponseEntity.ok(new BookedJson("HANDED_OVER", null, new BookingApi.Handover(h.slot().toString(),
                    h.source().name(), h.source().displayName(), h.channel().name(), h.deepLink().orElse(null), h.phone().orElse(null))));
            case BookOutcome.SlotTaken t -> throw new IllegalStateException("refusals are thrown by the desk");
            case BookOutcome.HoldExpired e -> throw new IllegalStateException("refusals are thrown by the desk");
            case BookOutcome.HoldNotFound n -> throw new IllegalStateException("refusals are thrown by the desk");
            case BookOutcome.SourceUnavailable u -> throw new IllegalStateException("refusals are thrown by the desk");
        };
    }

    private RegionCode region() {
        return actors.deskRegion().orElseThrow(() -> new ProblemException(Problem.FORBIDDEN));
    }

    static DeskQueue.Filter filter(String state, String priority) {
        Optional<String> only = Optional.ofNullable(state).filter(s -> !s.isBlank()).map(s -> s.strip().toUpperCase(Locale.ROOT));
        if (only.isPresent() && !List.of("OPEN", "OFFERED").contains(only.get())) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "state");
        }
        Optional<Optional<PriorityCode>> code = Optional.ofNullable(priority).filter(p -> !p.isBlank()).map(p -> {
            String text = p.strip().toUpperCase(Locale.ROOT);
            if (text.equals("NONE")) {
                return Optional.<PriorityCode>empty();
            }
            try {
                return Optional.of(PriorityCode.valueOf(text));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.UNKNOWN_PRIORITY, Params.shown(p));
            }
        });
        return new DeskQueue.Filter(only, code);
    }
}
