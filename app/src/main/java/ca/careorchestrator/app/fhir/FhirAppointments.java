package ca.careorchestrator.app.fhir;

import ca.careorchestrator.app.availability.Availability;
import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.HoldView;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SearchResult;
import ca.careorchestrator.app.catalog.SlotHit;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.core.booking.Actor;
import ca.careorchestrator.app.security.FairnessGuards;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.app.web.api.SearchCriteria;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.ServiceTypes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Appointments the Argonaut scheduling way, in R4: {@code $find} proposes appointments for free slots,
 * {@code $hold} holds one (a pending Appointment whose id is the hold's; it runs out at the
 * {@code hold-expires} extension), {@code $book} books the held one on its source system, {@code $cancel}
 * cancels it, and a read shows it. Same semantics and the same problems as the JSON API's booking endpoints.
 *
 * <p>Who asks decides for whom (issue #5, {@link CurrentActor}): a partner platform (bearer token) names the patient as
 * a {@code Patient} resource in each operation's {@code Parameters} (its NAM as an identifier), and in a read, being a
 * GET with no body, the NAM and birth date in the {@code X-Patient-NAM} and {@code X-Patient-Birth-Date} headers: never
 * in a URL, which logs, proxies and browser histories keep. The patient must be in the registry of insured people
 * ({@code patient-not-verified} otherwise); a partner naming nobody is refused ({@code partner-patient-required})
 * before anything changes; a signed-in patient acts for themself. Holds pass the fairness guards first; every read is
 * written to the audit trail.
 */
@RestController
@RequestMapping("/fhir/Appointment")
final class FhirAppointments {

    private static final int ALTERNATIVES = 3;

    private final Bookings bookings;
    private final Catalog catalog;
    private final Availability availability;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final FhirJson json;
    private final MessageSource messages;
    private final Clock clock;
    private final InsuredPeople people;
    private final AuditTrail audit;
    private final CurrentActor actors;
    private final FairnessGuards guards;

    private final ca.careorchestrator.app.allocation.Admissions admissions;

    FhirAppointments(Bookings bookings, Catalog catalog, Availability availability, Directory directory, ServiceTypes serviceTypes,
            FhirJson json, MessageSource messages, Clock clock, CurrentActor actors, FairnessGuards guards,
            ca.careorchestrator.app.allocation.Admissions admissions, InsuredPeople people, AuditTrail audit) {
        this.actors = actors;
        this.guards = guards;
        this.people = people;
        this.audit = audit;
        this.admissions = admissions;
        this.bookings = bookings;
        this.catalog = catalog;
        this.availability = availability;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping(path = "/$find", consumes = {FhirJson.MEDIA_TYPE, "application/json"})
    ResponseEntity<String> find(@RequestBody String body, Locale locale) {
        OperationInput input = new OperationInput(json.read(body, Parameters.class));
        // Who may take which slot: the patient's allocation audiences, or what is open to everyone.
        ca.careorchestrator.core.allocation.Applicant applicant = input.hasPatient()
                ? admissions.applicant(input.patient(people, clock.instant()))
                : ca.careorchestrator.core.allocation.Applicant.anonymous();
        SearchCriteria criteria = new SearchCriteria(input.string("postal-code").orElse(null), input.string("region").orElse(null),
                input.string("radius").orElse(null), input.string("service-type").map(SlotSearch::serviceCode).orElse(null), null, null,
                null, input.string("start").orElse(null), input.string("end").orElse(null), null, null,
                input.string("count").orElse(null));
        SearchResult result;
        try {
            result = catalog.search(criteria.toQuery(directory, serviceTypes, clock.instant()), admissions.visibilityFor(applicant));
        } catch (Catalog.NotReady e) {
            throw new ProblemException(Problem.SEARCH_NOT_READY).retryAfter(Duration.ofSeconds(5));
        }
        FhirResources resources = resources(locale);
        // A collection, not a searchset: proposed appointments are not stored resources (nothing is until $hold), so
        // they have no id, and each entry is named by a URN instead, the same for the same slot.
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (SlotHit hit : result.hits()) {
            UUID name = UUID.nameUUIDFromBytes(("proposed:" + hit.id()).getBytes(StandardCharsets.UTF_8));
            bundle.addEntry().setFullUrl("urn:uuid:" + name).setResource(resources.proposed(Visit.of(hit)));
        }
        return json.answer(200, bundle);
    }

    @PostMapping(path = "/$hold", consumes = {FhirJson.MEDIA_TYPE, "application/json"})
    ResponseEntity<String> hold(@RequestBody String body, Locale locale) {
        OperationInput input = new OperationInput(json.read(body, Parameters.class));
        SlotId slot = input.slot();
        PatientIdentity patient = patient(input);
        Actor actor = actors.actorFor(patient); // recorded with the hold: through whom it came
        return switch (guards.holdIfAdmitted(actor, patient, () -> bookings.hold(slot, patient, actor))) {
            case HoldOutcome.Held held -> {
                Appointment appointment = resources(locale).held(visit(held.hold().slot()), held.hold());
                yield json.answer(201, appointment, located(appointment.getIdElement().getIdPart()));
            }
            case HoldOutcome.AlreadyHolding already -> throw new ProblemException(Problem.HOLD_ALREADY_LIVE, already.existing().expiresAt())
                    .with("hold", "Appointment/" + already.existing().id().value());
            case HoldOutcome.Unavailable unavailable -> throw unavailable(unavailable);
            case HoldOutcome.NotOpenToYou notOpen -> {
                // The explanation in words is on the slot's page and at POST /api/v1/slots/{id}/explain; here when it opens.
                ProblemException problem = new ProblemException(Problem.SLOT_NOT_OPEN_TO_YOU);
                throw notOpen.refusal().opensAt().map(at -> problem.with("opensAt", at)).orElse(problem);
            }
        };
    }

    @PostMapping(path = "/$book", consumes = {FhirJson.MEDIA_TYPE, "application/json"})
    ResponseEntity<String> book(@RequestBody String body, Locale locale) {
        OperationInput input = new OperationInput(json.read(body, Parameters.class));
        HoldId hold = new HoldId(input.heldAppointmentId());
        PatientIdentity patient = patient(input);
        return switch (bookings.confirm(hold, patient)) {
            case BookOutcome.Confirmed confirmed -> {
                Appointment appointment = appointment(confirmed.appointment(), locale);
                yield json.answer(201, appointment, located(appointment.getIdElement().getIdPart()));
            }
            case BookOutcome.Pending pending -> json.answer(202, appointment(pending.appointment(), locale));
            case BookOutcome.HandedOver handedOver -> json.answer(200, handedOver(handedOver, locale));
            case BookOutcome.SlotTaken taken -> throw withAlternatives(new ProblemException(Problem.SLOT_TAKEN), taken.slot())
                    .with("sourceReason", taken.reason());
            case BookOutcome.HoldExpired expired -> throw new ProblemException(Problem.HOLD_EXPIRED);
            case BookOutcome.HoldNotFound notFound -> throw new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.SourceUnavailable unavailable ->
                    throw new ProblemException(Problem.BOOKING_SOURCE_UNAVAILABLE, unavailable.source().displayName())
                            .retryAfter(Duration.ofSeconds(30));
        };
    }

    /** An appointment, or a hold (the pending Appointment {@code $hold} answered), of the patient the headers name. */
    @GetMapping("/{id}")
    ResponseEntity<String> read(@PathVariable String id, @RequestHeader(name = "X-Patient-NAM", required = false) String nam,
            @RequestHeader(name = "X-Patient-Birth-Date", required = false) String birthDate, Locale locale,
            HttpServletRequest request) {
        UUID uuid = OperationInput.uuid(id);
        PatientIdentity patient = patientFromHeaders(nam, birthDate);
        Optional<AppointmentView> appointment = bookings.appointment(new AppointmentId(uuid), patient);
        if (appointment.isPresent()) {
            audit.granted(Actors.current(request), "fhir.appointment.read", patient.id(), "FHIR read of an appointment");
            return json.answer(200, appointment(appointment.get(), locale));
        }
        HoldView hold = bookings.holdOf(new HoldId(uuid), patient).orElseThrow(() -> new ProblemException(Problem.APPOINTMENT_NOT_FOUND));
        audit.granted(Actors.current(request), "fhir.hold.read", patient.id(), "FHIR read of a hold");
        return json.answer(200, resources(locale).held(visit(hold.slot()), hold));
    }

    @PostMapping(path = "/{id}/$cancel", consumes = {FhirJson.MEDIA_TYPE, "application/json"})
    ResponseEntity<String> cancel(@PathVariable String id, @RequestBody String body, Locale locale) {
        AppointmentId appointment = new AppointmentId(OperationInput.uuid(id));
        PatientIdentity patient = patient(new OperationInput(json.read(body, Parameters.class)));
        return switch (bookings.cancel(appointment, patient, actors.actorFor(patient))) {
            case CancelOutcome.Cancelled cancelled -> json.answer(200, appointment(cancelled.appointment(), locale));
            case CancelOutcome.Pending pending -> json.answer(202, appointment(pending.appointment(), locale));
            case CancelOutcome.NotFound notFound -> throw new ProblemException(Problem.APPOINTMENT_NOT_FOUND);
            case CancelOutcome.NotCancellable not -> throw new ProblemException(Problem.APPOINTMENT_NOT_CANCELLABLE, not.appointment().state());
            case CancelOutcome.Refused refused -> throw new ProblemException(Problem.CANCELLATION_REFUSED).with("sourceReason", refused.reason());
        };
    }

    /** The patient the operation is for: the one its Parameters name, checked, as the actor may act for. */
    private PatientIdentity patient(OperationInput input) {
        return actors.patientToActFor(input.hasPatient() ? Optional.of(actors.verified(() -> input.patient(people, clock.instant())))
                : Optional.empty());
    }

    private PatientIdentity patientFromHeaders(String nam, String birthDate) {
        boolean namesNobody = (nam == null || nam.isBlank()) && (birthDate == null || birthDate.isBlank());
        return actors.patientToActFor(namesNobody ? Optional.empty() : Optional.of(namedInHeaders(nam, birthDate)));
    }

    private PatientIdentity namedInHeaders(String nam, String birthDate) {
        if (nam == null || nam.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "X-Patient-NAM");
        }
        if (birthDate == null || birthDate.isBlank()) {
            throw new ProblemException(Problem.MISSING_PARAMETER, "X-Patient-Birth-Date");
        }
        LocalDate born;
        try {
            born = LocalDate.parse(birthDate.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, SlotSearch.shown(birthDate));
        }
        return actors.verified(() -> people.verified(nam, born, Optional.empty(), LocalDate.ofInstant(clock.instant(), SearchCriteria.QUEBEC)));
    }

    /** Booked on the source's own page or by phone: an information outcome saying where, the hold keeping the slot meanwhile. */
    private OperationOutcome handedOver(BookOutcome.HandedOver handedOver, Locale locale) {
        OperationOutcome outcome = new OperationOutcome();
        String text = messages.getMessage("fhir.handed-over", new Object[] {handedOver.source().displayName()}, locale);
        handedOver.deepLink().ifPresent(link -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDetails(new CodeableConcept().setText(text))
                .setDiagnostics("deep-link: " + link));
        handedOver.phone().ifPresent(phone -> outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDetails(new CodeableConcept().setText(text))
                .setDiagnostics("phone: " + phone));
        if (!outcome.hasIssue()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDetails(new CodeableConcept().setText(text)).setDiagnostics("channel: " + FhirResources.code(handedOver.channel()));
        }
        return outcome;
    }

    private ProblemException unavailable(HoldOutcome.Unavailable unavailable) {
        Problem problem = unavailable.why().problem();
        return switch (unavailable.why()) {
            case UNKNOWN -> new ProblemException(problem, unavailable.slot().toString());
            case PAST, APPOINTMENT_LIMIT -> new ProblemException(problem);
            case HELD, TAKEN, WITHDRAWN -> withAlternatives(new ProblemException(problem), unavailable.slot());
        };
    }

    /** The next free slots like this one (same service, same region): rendered as information issues naming each Slot. */
    private ProblemException withAlternatives(ProblemException problem, SlotId slot) {
        List<SlotHit> alternatives = catalog.alternativesTo(slot, ALTERNATIVES);
        return problem.with("alternatives", alternatives);
    }

    private Appointment appointment(AppointmentView view, Locale locale) {
        return resources(locale).booked(visit(view.slot()), view);
    }

    private Visit visit(SlotId slot) {
        var stored = availability.slot(slot).orElseThrow(() -> new IllegalStateException("slot " + slot + " of a booking is not stored"));
        return Visit.of(stored, directory.clinic(stored.slot().clinic()));
    }

    private FhirResources resources(Locale locale) {
        return new FhirResources(serviceTypes, Languages.of(locale));
    }

    private static HttpHeaders located(String id) {
        HttpHeaders headers = new HttpHeaders();
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir/Appointment/{id}").buildAndExpand(id).toUri();
        headers.setLocation(location);
        return headers;
    }
}
