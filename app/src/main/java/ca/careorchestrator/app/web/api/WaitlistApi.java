package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.identity.Registry;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.app.waitlist.AcceptOutcome;
import ca.careorchestrator.app.waitlist.CareRequestView;
import ca.careorchestrator.app.waitlist.DeclineOutcome;
import ca.careorchestrator.app.waitlist.FileOutcome;
import ca.careorchestrator.app.waitlist.OfferId;
import ca.careorchestrator.app.waitlist.OfferView;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.app.waitlist.WithdrawOutcome;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.patient.CareRequest;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import ca.careorchestrator.core.patient.PriorityCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The waitlist (alerts, free for everyone): file a care request, see and withdraw one's requests, accept or decline an
 * offer; the access desk sets priorities. As in the booking API, the patient (NAM and the birth date it encodes) is in
 * the request body, never in a URL, until sign-in (#5) replaces it; so the patient's list is a POST lookup.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Waitlist", description = "Care requests (alerts) and the offers made when a matching slot is freed or published")
class WaitlistApi {

    private final Waitlist waitlist;
    private final Directory directory;
    private final Clock clock;

    private final CurrentActor actors;
    private final RequestPatients patients;
    private final Registry registry;
    private final AuditTrail audit;

    WaitlistApi(Waitlist waitlist, Directory directory, Clock clock, CurrentActor actors, RequestPatients patients, Registry registry,
            AuditTrail audit) {
        this.audit = audit;
        this.actors = actors;
        this.patients = patients;
        this.registry = registry;
        this.waitlist = waitlist;
        this.directory = directory;
        this.clock = clock;
    }

    /** {@code postalCode}: a full postal code or its FSA; {@code from}/{@code to}: Quebec days (to included) or ISO instants. */
    record FileRequest(BookingApi.PatientJson patient, String service, String postalCode, Integer radiusKm, String from, String to,
            List<String> modalities) {
    }

    record PatientRequest(BookingApi.PatientJson patient) {
    }

    record PriorityRequest(String priority) {
    }

    record OfferJson(String id, String careRequestId, String slotId, String state, Instant offeredAt, Instant expiresAt, long secondsLeft,
            Instant decidedAt) {
    }

    record CareRequestJson(String id, String service, String fsa, int radiusKm, Instant from, Instant to, List<String> modalities,
            String priority, Instant filedAt, String state, OfferJson offer) {
    }

    /** What accepting gave: CONFIRMED, PENDING (the source has not answered; we keep asking) or HANDED_OVER. */
    record AcceptJson(OfferJson offer, String outcome, BookingApi.AppointmentJson appointment, BookingApi.Handover handover) {
    }

    @PostMapping(path = "/care-requests", consumes = "application/json")
    @Operation(summary = "File a care request: be offered the first matching slot that is freed or published (free for everyone)")
    ResponseEntity<CareRequestJson> file(@RequestBody FileRequest body) {
        PatientId patient = patient(body.patient());
        require(body.service(), "service");
        require(body.postalCode(), "postalCode");
        require(body.from(), "from");
        require(body.to(), "to");
        if (body.radiusKm() == null) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "radiusKm");
        }
        if (!ServiceTypeCode.isValid(body.service().strip())) {
            throw new ProblemException(Problem.UNKNOWN_SERVICE, Params.shown(body.service()));
        }
        Waitlist.Filing filing = new Waitlist.Filing(patient, new ServiceTypeCode(body.service().strip()),
                Params.postalArea(body.postalCode(), directory).fsa(), body.radiusKm(), instant(body.from(), false), instant(body.to(), true),
                modalities(body.modalities()));
        return switch (waitlist.file(filing)) {
            case FileOutcome.Filed filed -> ResponseEntity.status(HttpStatus.CREATED).body(json(filed.request()));
            case FileOutcome.AlreadyWaiting already -> throw new ProblemException(Problem.CARE_REQUEST_ALREADY_OPEN)
                    .with("careRequestId", already.existing().request().id().toString());
            case FileOutcome.Refused refused -> throw new ProblemException(refused.problem(), refused.arguments().toArray());
        };
    }

    @PostMapping(path = "/care-requests/lookup", consumes = "application/json")
    @Operation(summary = "The patient's care requests, newest first, each with its offer if one is out (POST: the NAM never sits in a URL)")
    List<CareRequestJson> requests(@RequestBody PatientRequest body, jakarta.servlet.http.HttpServletRequest http) {
        PatientId patient = patient(body.patient());
        List<CareRequestJson> found = waitlist.requestsOf(patient).stream().map(this::json).toList();
        audit.granted(Actors.current(http), "api.care-requests.list", patient, "the care requests of the patient asking or acted for");
        return found;
    }

    @DeleteMapping(path = "/care-requests/{id}", consumes = "application/json")
    @Operation(summary = "Withdraw a care request (an offer that was out goes to the next person)")
    ResponseEntity<CareRequestJson> withdraw(@PathVariable String id, @RequestBody PatientRequest body) {
        return switch (waitlist.withdraw(new CareRequestId(Params.id(id)), patient(body.patient()))) {
            case WithdrawOutcome.Withdrawn withdrawn -> ResponseEntity.ok(json(withdrawn.request()));
            case WithdrawOutcome.NotFound notFound -> throw new ProblemException(Problem.CARE_REQUEST_NOT_FOUND);
            case WithdrawOutcome.AlreadyEnded ended -> throw new ProblemException(Problem.CARE_REQUEST_ENDED, ended.request().state());
        };
    }

    @PutMapping(path = "/care-requests/{id}/priority", consumes = "application/json")
    @Operation(summary = "Access desk: set a care request's priority (A most urgent .. E), or clear it with null")
    ResponseEntity<CareRequestJson> priority(@PathVariable String id, @RequestBody PriorityRequest body) {
        Optional<PriorityCode> priority = Optional.ofNullable(body.priority()).filter(p -> !p.isBlank()).map(p -> {
            try {
                return PriorityCode.valueOf(p.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.UNKNOWN_PRIORITY, Params.shown(p));
            }
        });
        CareRequestId request = new CareRequestId(Params.id(id));
        CareRequestView seen = waitlist.request(request).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        // The desk sets priorities in its own region only (where the patient asked for care); nothing changes otherwise.
        actors.requireDeskRegion(directory.postalArea(seen.request().area()).orElseThrow().region());
        CareRequestView changed = waitlist.setPriority(request, priority).orElseThrow(() -> new ProblemException(Problem.CARE_REQUEST_NOT_FOUND));
        // The referral the allocation rules read ("orphan referred by the access desk with priority at least X").
        priority.ifPresent(code -> registry.refer(seen.request().patient(), code, actors.requester().toString()));
        return ResponseEntity.ok(json(changed));
    }

    @PostMapping(path = "/offers/{id}/accept", consumes = "application/json")
    @Operation(summary = "Accept an offer before it runs out: the held slot is booked on its source system")
    ResponseEntity<AcceptJson> accept(@PathVariable String id, @RequestBody PatientRequest body) {
        return switch (waitlist.accept(new OfferId(Params.id(id)), patient(body.patient()))) {
            case AcceptOutcome.Accepted accepted -> accepted(accepted);
            case AcceptOutcome.NotFound notFound -> throw new ProblemException(Problem.OFFER_NOT_FOUND);
            case AcceptOutcome.Expired expired -> throw new ProblemException(Problem.OFFER_EXPIRED).with("expiredAt", expired.offer().expiresAt());
            case AcceptOutcome.AlreadyAnswered answered -> throw new ProblemException(Problem.OFFER_ANSWERED, answered.offer().state());
            case AcceptOutcome.SlotGone gone -> throw new ProblemException(Problem.SLOT_TAKEN).with("sourceReason", gone.reason());
            case AcceptOutcome.SourceUnavailable unavailable ->
                    throw new ProblemException(Problem.BOOKING_SOURCE_UNAVAILABLE, unavailable.source().displayName())
                            .retryAfter(Duration.ofSeconds(30));
        };
    }

    @PostMapping(path = "/offers/{id}/decline", consumes = "application/json")
    @Operation(summary = "Decline an offer: the slot goes to the next person, the care request keeps waiting")
    ResponseEntity<OfferJson> decline(@PathVariable String id, @RequestBody PatientRequest body) {
        return switch (waitlist.decline(new OfferId(Params.id(id)), patient(body.patient()))) {
            case DeclineOutcome.Declined declined -> ResponseEntity.ok(json(declined.offer()));
            case DeclineOutcome.NotFound notFound -> throw new ProblemException(Problem.OFFER_NOT_FOUND);
            case DeclineOutcome.Expired expired -> throw new ProblemException(Problem.OFFER_EXPIRED).with("expiredAt", expired.offer().expiresAt());
            case DeclineOutcome.AlreadyAnswered answered -> throw new ProblemException(Problem.OFFER_ANSWERED, answered.offer().state());
        };
    }

    private ResponseEntity<AcceptJson> accepted(AcceptOutcome.Accepted accepted) {
        OfferJson offer = json(accepted.offer());
        return switch (accepted.booking()) {
            case BookOutcome.Confirmed c -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new AcceptJson(offer, "CONFIRMED", BookingApi.AppointmentJson.of(c.appointment()), null));
            case BookOutcome.Pending p -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new AcceptJson(offer, "PENDING", BookingApi.AppointmentJson.of(p.appointment()), null));
            case BookOutcome.HandedOver h -> ResponseEntity.ok(new AcceptJson(offer, "HANDED_OVER", null, new BookingApi.Handover(
                    h.slot().toString(), h.source().name(), h.source().displayName(), h.channel().name(), h.deepLink().orElse(null),
                    h.phone().orElse(null))));
            case BookOutcome.SlotTaken t -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
            case BookOutcome.HoldExpired e -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
            case BookOutcome.HoldNotFound n -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
            case BookOutcome.SourceUnavailable u -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
        };
    }

    /** The signed-in patient, or the verified patient the access desk names (as holds do). */
    private PatientId patient(BookingApi.PatientJson json) {
        return patients.forRequest(json).id();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, name);
        }
    }

    /** A Quebec day (its start; for an end, the start of the next day: the day is included) or an ISO instant. */
    private static Instant instant(String raw, boolean end) {
        String text = raw.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(SearchCriteria.QUEBEC).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, Params.shown(raw));
        }
    }

    private static Set<Modality> modalities(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "modalities");
        }
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String name : raw) {
            try {
                modalities.add(Modality.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ProblemException(Problem.UNKNOWN_MODALITY, Params.shown(name));
            }
        }
        return modalities;
    }

    private CareRequestJson json(CareRequestView view) {
        CareRequest r = view.request();
        return new CareRequestJson(r.id().toString(), r.service().value(), r.area().value(), r.radiusKm(), r.windowStart(), r.windowEnd(),
                r.modalities().stream().map(Modality::name).sorted().toList(), view.priority().map(Enum::name).orElse(null), r.filedAt(),
                view.state(), view.pendingOffer().map(this::json).orElse(null));
    }

    private OfferJson json(OfferView offer) {
        long left = offer.state().equals("PENDING") ? Math.max(0, Duration.between(clock.instant(), offer.expiresAt()).toSeconds()) : 0;
        return new OfferJson(offer.id().toString(), offer.request().toString(), offer.slot().toString(), offer.state(), offer.offeredAt(),
                offer.expiresAt(), left, offer.decidedAt().orElse(null));
    }
}
