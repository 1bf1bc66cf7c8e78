package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.HoldView;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.booking.RescheduleOutcome;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.identity.AuditEntry;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.app.security.FairnessGuards;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.OAuthFlow;
import io.swagger.v3.oas.annotations.security.OAuthFlows;
import io.swagger.v3.oas.annotations.security.OAuthScope;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holding, booking, cancelling and moving appointments. Who asks decides for whom ({@link CurrentActor}): a signed-in
 * patient (session from {@code /api/v1/sign-in}) for themself, a partner platform or the access desk for the patient the
 * body names (NAM and the birth date it encodes; never in a URL), whom the registry of insured people must know
 * ({@code patient-not-verified}, 422, otherwise). A partner naming nobody is refused ({@code partner-patient-required})
 * before anything changes, every hold passes the fairness guards first, and reading a patient's appointments is
 * written to the audit trail.
 * Business refusals are problems with a stable code; a taken slot's problem lists alternatives.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@SecurityScheme(name = "partner", type = SecuritySchemeType.OAUTH2, description = "Partner platforms: client credentials at /oauth2/token"
        + " (scope booking); signed-in patients and the access desk use their session instead",
        flows = @OAuthFlows(clientCredentials = @OAuthFlow(tokenUrl = "/oauth2/token",
                scopes = @OAuthScope(name = "booking", description = "hold, book and cancel for the verified patient named"))))
@SecurityRequirement(name = "partner", scopes = "booking")
@Tag(name = "Booking", description = "Hold a slot, book it on its source system, see, cancel and move appointments")
class BookingApi {

    private static final int ALTERNATIVES = 3;

    private final Bookings bookings;
    private final Catalog catalog;
    private final ServiceTypes serviceTypes;
    private final Clock clock;
    private final CurrentActor actors;
    private final FairnessGuards guards;
    private final ca.careorchestrator.app.web.AllocationTexts texts;
    private final RequestPatients patients;
    private final AuditTrail audit;

    BookingApi(Bookings bookings, Catalog catalog, ServiceTypes serviceTypes, Clock clock, CurrentActor actors, FairnessGuards guards,
            ca.careorchestrator.app.web.AllocationTexts texts, RequestPatients patients, AuditTrail audit) {
        this.texts = texts;
        this.patients = patients;
        this.audit = audit;
        this.bookings = bookings;
        this.catalog = catalog;
        this.serviceTypes = serviceTypes;
        this.clock = clock;
        this.actors = actors;
        this.guards = guards;
    }

    record PatientJson(String nam, LocalDate birthDate, String familyName, String givenName) {
    }

    record HoldRequest(String slotId, PatientJson patient) {
    }

    record PatientRequest(PatientJson patient) {
    }

    record RescheduleRequest(String holdId, PatientJson patient) {
    }

    record HoldJson(String id, String slotId, String state, Instant expiresAt, long secondsLeft, String channel) {
    }

    record AppointmentJson(String id, String slotId, String state, String source, String sourceName, String sourceReference,
            Instant requestedAt, Instant settledAt, String reason, boolean cancelling) {

        static AppointmentJson of(AppointmentView a) {
            return new AppointmentJson(a.id().toString(), a.slot().toString(), a.state(), a.source().name(), a.source().displayName(),
                    a.sourceReference().orElse(null), a.requestedAt(), a.settledAt().orElse(null), a.reason().orElse(null), a.cancelling());
        }
    }

    /** What confirming gave: CONFIRMED, PENDING (the source has not answered; we keep asking) or HANDED_OVER. */
    record BookingJson(String outcome, AppointmentJson appointment, Handover handover) {
    }

    record Handover(String slotId, String source, String sourceName, String channel, String deepLink, String phone) {
    }

    record RescheduleJson(AppointmentJson appointment, String previousOutcome) {
    }

    @PostMapping(path = "/holds", consumes = "application/json")
    @Operation(summary = "Hold a free slot for a few minutes (one live hold per patient)")
    ResponseEntity<HoldJson> hold(@RequestBody HoldRequest request, Locale locale) {
        if (request.slotId() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "slotId");
        }
        SlotId slot = new SlotId(Params.id(request.slotId()));
        PatientIdentity patient = patient(request.patient());
        Actor actor = actors.actorFor(patient); // recorded with the hold: through whom it came
        return switch (guards.holdIfAdmitted(actor, patient, () -> bookings.hold(slot, patient, actor))) {
            case HoldOutcome.Held held -> ResponseEntity.status(HttpStatus.CREATED).body(json(held.hold()));
            case HoldOutcome.AlreadyHolding already -> throw new ProblemException(Problem.HOLD_ALREADY_LIVE, already.existing().expiresAt())
                    .with("holdId", already.existing().id().value().toString());
            case HoldOutcome.Unavailable unavailable -> throw unavailable(unavailable, locale);
            case HoldOutcome.NotOpenToYou notOpen -> throw notOpen(notOpen, locale);
        };
    }

    /** {@code slot-not-open-to-you}: when it opens to this patient (if it will), and why, stage by stage. */
    private ProblemException notOpen(HoldOutcome.NotOpenToYou notOpen, Locale locale) {
        ProblemException problem = new ProblemException(Problem.SLOT_NOT_OPEN_TO_YOU);
        if (notOpen.refusal().opensAt().isPresent()) {
            problem = problem.with("opensAt", notOpen.refusal().opensAt().get());
        }
        return problem.with("explanation", AllocationJson.explanation(notOpen.refusal().explanation(), java.util.Optional.empty(), texts, locale));
    }

    @PostMapping(path = "/holds/{id}/confirm", consumes = "application/json")
    @Operation(summary = "Book the held slot on its source system (or be handed over to its page or phone)")
    ResponseEntity<BookingJson> confirm(@PathVariable String id, @RequestBody(required = false) PatientRequest request, Locale locale) {
        PatientIdentity patient = patient(request);
        return switch (bookings.confirm(new HoldId(Params.id(id)), patient)) {
            case BookOutcome.Confirmed confirmed ->
                    ResponseEntity.status(HttpStatus.CREATED).body(new BookingJson("CONFIRMED", AppointmentJson.of(confirmed.appointment()), null));
            case BookOutcome.Pending pending ->
                    ResponseEntity.status(HttpStatus.ACCEPTED).body(new BookingJson("PENDING", AppointmentJson.of(pending.appointment()), null));
            case BookOutcome.HandedOver h -> ResponseEntity.ok(new BookingJson("HANDED_OVER", null, new Handover(h.slot().toString(),
                    h.source().name(), h.source().displayName(), h.channel().name(), h.deepLink().orElse(null), h.phone().orElse(null))));
            case BookOutcome.SlotTaken taken -> throw withAlternatives(new ProblemException(Problem.SLOT_TAKEN), taken.slot(), locale)
                    .with("sourceReason", taken.reason());
            case BookOutcome.HoldExpired expired -> throw new ProblemException(Problem.HOLD_EXPIRED);
            case BookOutcome.HoldNotFound notFound -> throw new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.SourceUnavailable unavailable ->
                    throw new ProblemException(Problem.BOOKING_SOURCE_UNAVAILABLE, unavailable.source().displayName()).retryAfter(Duration.ofSeconds(30));
        };
    }

    @PostMapping(path = "/holds/{id}/release", consumes = "application/json")
    @Operation(summary = "Let a held slot go")
    ResponseEntity<Void> release(@PathVariable String id, @RequestBody(required = false) PatientRequest request) {
        if (!bookings.release(new HoldId(Params.id(id)), patient(request))) {
            throw new ProblemException(Problem.HOLD_NOT_FOUND);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/appointments/lookup", consumes = "application/json")
    @Operation(summary = "The patient's appointments, newest first (POST: the NAM never sits in a URL)")
    List<AppointmentJson> appointments(@RequestBody(required = false) PatientRequest request, HttpServletRequest http) {
        PatientIdentity patient = patient(request);
        List<AppointmentJson> found = bookings.appointments(patient).stream().map(AppointmentJson::of).toList();
        AuditEntry.Actor actor = Actors.current(http);
        audit.granted(actor, "api.appointments.list", patient.id(), actor.kind() == AuditEntry.Actor.Kind.PATIENT
                ? "the patient's own appointments" : "a platform lists the appointments of the patient it acts for");
        return found;
    }

    @PostMapping(path = "/appointments/{id}/cancel", consumes = "application/json")
    @Operation(summary = "Cancel on the source system; the slot is free again for everyone")
    ResponseEntity<AppointmentJson> cancel(@PathVariable String id, @RequestBody(required = false) PatientRequest request) {
        PatientIdentity patient = patient(request);
        return switch (bookings.cancel(new AppointmentId(Params.id(id)), patient, actors.actorFor(patient))) {
            case CancelOutcome.Cancelled cancelled -> ResponseEntity.ok(AppointmentJson.of(cancelled.appointment()));
            case CancelOutcome.Pending pending -> ResponseEntity.status(HttpStatus.ACCEPTED).body(AppointmentJson.of(pending.appointment()));
            case CancelOutcome.NotFound notFound -> throw new ProblemException(Problem.APPOINTMENT_NOT_FOUND);
            case CancelOutcome.NotCancellable not -> throw new ProblemException(Problem.APPOINTMENT_NOT_CANCELLABLE, not.appointment().state());
            case CancelOutcome.Refused refused -> throw new ProblemException(Problem.CANCELLATION_REFUSED).with("sourceReason", refused.reason());
        };
    }

    @PostMapping(path = "/appointments/{id}/reschedule", consumes = "application/json")
    @Operation(summary = "Move an appointment to a held slot: the new one is booked before the old one is cancelled")
    ResponseEntity<RescheduleJson> reschedule(@PathVariable String id, @RequestBody RescheduleRequest request, Locale locale) {
        if (request.holdId() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "holdId");
        }
        PatientIdentity patient = patient(request.patient());
        return switch (bookings.reschedule(new AppointmentId(Params.id(id)), new HoldId(Params.id(request.holdId())), patient)) {
            case RescheduleOutcome.Moved moved -> ResponseEntity.ok(new RescheduleJson(AppointmentJson.of(moved.appointment()),
                    moved.previous().getClass().getSimpleName().toUpperCase(Locale.ROOT)));
            case RescheduleOutcome.Pending pending -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new RescheduleJson(AppointmentJson.of(pending.appointment()), "KEPT_UNTIL_CONFIRMED"));
            case RescheduleOutcome.NotFound notFound -> throw new ProblemException(Problem.APPOINTMENT_NOT_FOUND);
            case RescheduleOutcome.NotMovable not -> throw new ProblemException(Problem.APPOINTMENT_NOT_CANCELLABLE, not.appointment().state());
            case RescheduleOutcome.NotBooked notBooked -> throw notBooked(notBooked.why(), locale);
        };
    }

    private ProblemException notBooked(BookOutcome why, Locale locale) {
        return switch (why) {
            case BookOutcome.SlotTaken taken -> withAlternatives(new ProblemException(Problem.SLOT_TAKEN), taken.slot(), locale);
            case BookOutcome.HoldExpired expired -> new ProblemException(Problem.HOLD_EXPIRED);
            case BookOutcome.SourceUnavailable unavailable ->
                    new ProblemException(Problem.BOOKING_SOURCE_UNAVAILABLE, unavailable.source().displayName()).retryAfter(Duration.ofSeconds(30));
            // Handed over, confirmed elsewhere or no hold: the new slot was not booked here and now.
            case BookOutcome.Pending pending -> new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.HandedOver handedOver -> new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.Confirmed confirmed -> new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.HoldNotFound notFound -> new ProblemException(Problem.HOLD_NOT_FOUND);
        };
    }

    private PatientIdentity patient(PatientRequest request) {
        return patient(request == null ? null : request.patient());
    }

    /** The patient this request is for: the one the body names, checked, as the actor may act for (see CurrentActor). */
    private PatientIdentity patient(PatientJson json) {
        return patients.forRequest(json);
    }

    private ProblemException unavailable(HoldOutcome.Unavailable unavailable, Locale locale) {
        Problem problem = unavailable.why().problem();
        return switch (unavailable.why()) {
            case UNKNOWN -> new ProblemException(problem, unavailable.slot().toString());
            case PAST, APPOINTMENT_LIMIT -> new ProblemException(problem);
            case HELD, TAKEN, WITHDRAWN -> withAlternatives(new ProblemException(problem), unavailable.slot(), locale);
        };
    }

    /** The next free slots like this one (same service, same region), so a loser is never left with nothing. */
    private ProblemException withAlternatives(ProblemException problem, SlotId slot, Locale locale) {
        Language language = Languages.of(locale);
        List<SlotJson> alternatives = catalog.alternativesTo(slot, ALTERNATIVES).stream().map(hit -> SlotJson.of(hit, serviceTypes, language))
                .toList();
        return problem.with("alternatives", alternatives);
    }

    private HoldJson json(HoldView hold) {
        long left = Math.max(0, Duration.between(clock.instant(), hold.expiresAt()).toSeconds());
        return new HoldJson(hold.id().value().toString(), hold.slot().toString(), hold.state(), hold.expiresAt(), left, hold.channel().name());
    }
}
