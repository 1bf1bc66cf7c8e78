package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.booking.AppointmentView;
import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.Bookings;
import ca.careorchestrator.app.booking.CancelOutcome;
import ca.careorchestrator.app.booking.HoldOutcome;
import ca.careorchestrator.app.booking.HoldView;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.identity.PatientSessions;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.app.security.FairnessGuards;
import ca.careorchestrator.core.availability.HoldId;
import ca.careorchestrator.core.availability.SlotId;
import ca.careorchestrator.core.booking.AppointmentId;
import ca.careorchestrator.core.care.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's booking pages: choose a slot, sign in ({@code /connexion}: NAM, birth date, a one-time code), hold
 * it (a countdown), confirm it on its source (or be handed to its page or phone), then see and cancel your
 * appointments. The signed-in patient is kept in the server-side session ({@link SessionPatient}); every page that
 * shows their data is written to the audit trail. Every refusal is the catalogue's
 * problem, shown inline; a lost slot comes with the next alternatives. A POST address opened with GET (a language
 * switch, a reload) goes back to the page it came from.
 */
@Controller
class BookingPages {

    private final Bookings bookings;
    private final SlotViews views;
    private final MessageSource messages;
    private final Clock clock;
    private final InsuredPeople people;
    private final AuditTrail audit;
    private final CurrentActor actors;
    private final FairnessGuards guards;

    private final ca.careorchestrator.app.web.AllocationTexts allocationTexts;
    private final ca.careorchestrator.app.allocation.Admissions admissions;

    BookingPages(Bookings bookings, SlotViews views, MessageSource messages, Clock clock, CurrentActor actors, FairnessGuards guards,
            ca.careorchestrator.app.web.AllocationTexts allocationTexts, ca.careorchestrator.app.allocation.Admissions admissions,
            InsuredPeople people, AuditTrail audit) {
        this.actors = actors;
        this.guards = guards;
        this.allocationTexts = allocationTexts;
        this.admissions = admissions;
        this.people = people;
        this.audit = audit;
        this.bookings = bookings;
        this.views = views;
        this.messages = messages;
        this.clock = clock;
    }

    /** An appointment with the slot it is for (empty if the slot is gone from the store). */
    record AppointmentRow(AppointmentView appointment, Optional<SlotViews.Slot> slot) {

        public boolean cancellable() {
            return appointment.state().equals("CONFIRMED") && !appointment.cancelling();
        }

        public Instant start() {
            return slot.map(SlotViews.Slot::start).orElse(null);
        }

        public String clinic() {
            return slot.map(SlotViews.Slot::clinic).orElse("—");
        }

        public String service() {
            return slot.map(s -> s.service() + " · " + s.modality()).orElse("—");
        }
    }

    // ---- choose -------------------------------------------------------------------------------------------

    @GetMapping("/rendez-vous/plage/{id}")
    String slot(@PathVariable String id, Model model, Locale locale, HttpServletRequest request) {
        SlotId slotId = slotId(id);
        return slotPage(slotId, model, locale, request);
    }

    // ---- why (allocation rules) ---------------------------------------------------------------------------------

    /** One stage of the slot's rules as this patient reads it. */
    record StageRow(int number, String stage, String opens, boolean open, boolean admitsYou, String reason) {
    }

    /** Why the signed-in patient (or a visitor) could or could not take this slot now, stage by stage. */
    @GetMapping("/rendez-vous/plage/{id}/pourquoi")
    String why(@PathVariable String id, Model model, Locale locale, HttpServletRequest request) {
        return whyPage(slotId(id), SessionPatient.in(request, people), model, locale);
    }

    private String whyPage(SlotId slotId, Optional<PatientIdentity> patient, Model model, Locale locale) {
        Language language = Languages.of(locale);
        SlotViews.Slot slot = views.slot(slotId, language).orElseThrow(() -> new ProblemException(Problem.SLOT_NOT_FOUND, slotId.value().toString()));
        ca.careorchestrator.core.allocation.Applicant applicant = patient.map(admissions::applicant)
                .orElseGet(ca.careorchestrator.core.allocation.Applicant::anonymous);
        ca.careorchestrator.app.allocation.SlotAdmission admission = admissions.explain(slotId, applicant)
                .orElseThrow(() -> new ProblemException(Problem.SLOT_NOT_FOUND, slotId.value().toString()));
        QuebecTime time = new QuebecTime(locale);
        model.addAttribute("slot", slot);
        model.addAttribute("time", time);
        patient.ifPresent(p -> model.addAttribute("patient", p));
        model.addAttribute("admitted", admission.explanation().decision().admitted());
        model.addAttribute("summary", allocationTexts.decision(admission.explanation().decision(), locale));
        model.addAttribute("defaultPolicy", admission.policy().isEmpty());
        model.addAttribute("stages", admission.explanation().stages().stream().map(v -> new StageRow(v.number(),
                allocationTexts.stage(v.stage(), locale),
                v.opensAt().map(time::dateTime).orElseGet(() -> allocationTexts.opening(v.stage().opening(), locale)), v.open(),
                v.admitsApplicant(), allocationTexts.reason(v.reason(), locale))).toList());
        return "booking/why";
    }

    @GetMapping("/rendez-vous/plage/{id}/retenir")
    String slotAgain(@PathVariable String id) {
        return "redirect:/rendez-vous/plage/" + slotId(id).value();
    }

    @PostMapping("/rendez-vous/plage/{id}/retenir")
    String hold(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        SlotId slotId = slotId(id);
        Optional<PatientIdentity> signedIn = SessionPatient.in(request, people);
        if (signedIn.isEmpty()) {
            return SessionPatient.signInFor("/rendez-vous/plage/" + slotId.value());
        }
        PatientIdentity patient = signedIn.get();
        HoldOutcome outcome;
        try {
            // The same per-patient velocity as the API's and the FHIR facade's holds (one allowance across channels).
            ca.careorchestrator.core.booking.Actor actor = actors.actorFor(patient);
            outcome = guards.holdIfAdmitted(actor, patient, () -> bookings.hold(slotId, patient, actor));
        } catch (ProblemException e) {
            refuse(e.problem(), e.arguments(), model, locale, response);
            return slotPage(slotId, model, locale, request);
        }
        return switch (outcome) {
            case HoldOutcome.Held held -> "redirect:/rendez-vous/retenue/" + held.hold().id().value();
            case HoldOutcome.AlreadyHolding already -> {
                refuse(Problem.HOLD_ALREADY_LIVE, new Object[] {new QuebecTime(locale).time(already.existing().expiresAt())}, model, locale,
                        response);
                model.addAttribute("existingHold", already.existing().id().value().toString());
                yield slotPage(slotId, model, locale, request);
            }
            case HoldOutcome.Unavailable unavailable -> {
                if (unavailable.why() == HoldOutcome.Why.UNKNOWN) {
                    throw new ProblemException(Problem.SLOT_NOT_FOUND, id);
                }
                refuse(unavailable.why().problem(), new Object[0], model, locale, response);
                model.addAttribute("alternatives", views.alternativesTo(slotId, Languages.of(locale)));
                yield slotPage(slotId, model, locale, request);
            }
            case HoldOutcome.NotOpenToYou notOpen -> {
                refuse(Problem.SLOT_NOT_OPEN_TO_YOU, new Object[0], model, locale, response);
                model.addAttribute("notOpen", allocationTexts.decision(notOpen.refusal().decision(), locale));
                yield slotPage(slotId, model, locale, request);
            }
        };
    }

    private String slotPage(SlotId slotId, Model model, Locale locale, HttpServletRequest request) {
        Language language = Languages.of(locale);
        SlotViews.Slot slot = views.slot(slotId, language)
                .orElseThrow(() -> new ProblemException(Problem.SLOT_NOT_FOUND, slotId.value().toString()));
        model.addAttribute("slot", slot);
        model.addAttribute("time", new QuebecTime(locale));
        SessionPatient.in(request, people).ifPresent(patient -> model.addAttribute("patient", patient));
        if (!slot.free() && !model.containsAttribute("alternatives")) {
            model.addAttribute("alternatives", views.alternativesTo(slotId, language));
        }
        return "booking/slot";
    }

    // ---- hold ---------------------------------------------------------------------------------------------

    @GetMapping("/rendez-vous/retenue/{id}")
    String held(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Optional<PatientIdentity> signedIn = SessionPatient.in(request, people);
        if (signedIn.isEmpty()) {
            return SessionPatient.signInFor("/rendez-vous/retenue/" + holdId(id).value());
        }
        PatientIdentity patient = signedIn.get();
        HoldView hold = bookings.holdOf(holdId(id), patient).orElseThrow(() -> new ProblemException(Problem.HOLD_NOT_FOUND));
        audit.granted(Actors.current(request), "web.hold.read", patient.id(), "the patient's own hold");
        Instant now = clock.instant();
        boolean open = (hold.state().equals("LIVE") || hold.state().equals("HANDED_OVER")) && now.isBefore(hold.expiresAt());
        model.addAttribute("hold", hold);
        model.addAttribute("open", open);
        model.addAttribute("expired", hold.state().equals("EXPIRED")
                || (hold.state().equals("LIVE") || hold.state().equals("HANDED_OVER")) && !now.isBefore(hold.expiresAt()));
        model.addAttribute("secondsLeft", Math.max(0, Duration.between(now, hold.expiresAt()).toSeconds()));
        model.addAttribute("slot", views.slot(hold.slot(), Languages.of(locale)).orElse(null));
        model.addAttribute("patient", patient);
        model.addAttribute("time", new QuebecTime(locale));
        noStore(response);
        return "booking/hold";
    }

    @GetMapping({"/rendez-vous/retenue/{id}/confirmer", "/rendez-vous/retenue/{id}/liberer"})
    String heldAgain(@PathVariable String id) {
        return "redirect:/rendez-vous/retenue/" + holdId(id).value();
    }

    @PostMapping("/rendez-vous/retenue/{id}/confirmer")
    String confirm(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        PatientIdentity patient = sessionPatientOr(request, Problem.HOLD_NOT_FOUND);
        HoldId holdId = holdId(id);
        Language language = Languages.of(locale);
        model.addAttribute("time", new QuebecTime(locale));
        model.addAttribute("holdId", holdId.value().toString());
        noStore(response);
        BookOutcome outcome = bookings.confirm(holdId, patient);
        model.addAttribute("outcome", outcomeCode(outcome));
        switch (outcome) {
            case BookOutcome.Confirmed confirmed -> {
                model.addAttribute("appointment", confirmed.appointment());
                model.addAttribute("slot", views.slot(confirmed.appointment().slot(), language).orElse(null));
            }
            case BookOutcome.Pending pending -> {
                model.addAttribute("appointment", pending.appointment());
                model.addAttribute("slot", views.slot(pending.appointment().slot(), language).orElse(null));
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
            }
            case BookOutcome.HandedOver handedOver -> {
                model.addAttribute("handover", handedOver);
                model.addAttribute("phoneHref", handedOver.phone().map(BookingPages::telHref).orElse(null));
                model.addAttribute("slot", views.slot(handedOver.slot(), language).orElse(null));
                bookings.holdOf(holdId, patient).ifPresent(hold -> model.addAttribute("hold", hold));
            }
            case BookOutcome.SlotTaken taken -> {
                refuse(Problem.SLOT_TAKEN, new Object[0], model, locale, response);
                model.addAttribute("slot", views.slot(taken.slot(), language).orElse(null));
                model.addAttribute("alternatives", views.alternativesTo(taken.slot(), language));
            }
            case BookOutcome.HoldExpired expired -> {
                refuse(Problem.HOLD_EXPIRED, new Object[0], model, locale, response);
                model.addAttribute("slot", views.slot(expired.slot(), language).orElse(null));
            }
            case BookOutcome.HoldNotFound notFound -> throw new ProblemException(Problem.HOLD_NOT_FOUND);
            case BookOutcome.SourceUnavailable unavailable -> {
                refuse(Problem.BOOKING_SOURCE_UNAVAILABLE, new Object[] {unavailable.source().displayName()}, model, locale, response);
                response.setHeader("Retry-After", "30");
            }
        }
        return "booking/confirmation";
    }

    /** The outcome's stable name, as the JSON API says it (and as the page carries it in {@code data-outcome}). */
    static String outcomeCode(BookOutcome outcome) {
        return switch (outcome) {
            case BookOutcome.Confirmed confirmed -> "CONFIRMED";
            case BookOutcome.Pending pending -> "PENDING";
            case BookOutcome.HandedOver handedOver -> "HANDED_OVER";
            case BookOutcome.SlotTaken taken -> "SLOT_TAKEN";
            case BookOutcome.HoldExpired expired -> "HOLD_EXPIRED";
            case BookOutcome.HoldNotFound notFound -> "HOLD_NOT_FOUND";
            case BookOutcome.SourceUnavailable unavailable -> "SOURCE_UNAVAILABLE";
        };
    }

    @PostMapping("/rendez-vous/retenue/{id}/liberer")
    String release(@PathVariable String id, HttpServletRequest request, RedirectAttributes redirect) {
        PatientIdentity patient = sessionPatientOr(request, Problem.HOLD_NOT_FOUND);
        if (bookings.release(holdId(id), patient)) {
            redirect.addFlashAttribute("released", true);
        }
        return "redirect:" + SearchForm.PATH;
    }

    // ---- my appointments ----------------------------------------------------------------------------------

    @GetMapping("/mes-rendez-vous")
    String appointments(Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("time", new QuebecTime(locale));
        Optional<PatientIdentity> patient = SessionPatient.in(request, people);
        if (patient.isEmpty()) {
            return SessionPatient.signInFor("/mes-rendez-vous");
        }
        Language language = Languages.of(locale);
        List<AppointmentRow> rows = bookings.appointments(patient.get()).stream()
                .map(a -> new AppointmentRow(a, views.slot(a.slot(), language))).toList();
        audit.granted(Actors.current(request), "web.appointments.list", patient.get().id(), "the patient's own appointments");
        model.addAttribute("patient", patient.get());
        model.addAttribute("rows", rows);
        return "booking/appointments";
    }

    @GetMapping({"/mes-rendez-vous/{id}/annuler", "/mes-rendez-vous/oublier"})
    String appointmentsAgain() {
        return "redirect:/mes-rendez-vous";
    }

    @PostMapping("/mes-rendez-vous/{id}/annuler")
    String cancel(@PathVariable String id, Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
        Optional<PatientIdentity> patient = SessionPatient.in(request, people);
        if (patient.isEmpty()) {
            return "redirect:/mes-rendez-vous";
        }
        AppointmentId appointment = new AppointmentId(uuid(id));
        switch (bookings.cancel(appointment, patient.get())) {
            case CancelOutcome.Cancelled cancelled -> redirect.addFlashAttribute("notice", "cancelled");
            case CancelOutcome.Pending pending -> redirect.addFlashAttribute("notice", "cancelling");
            case CancelOutcome.NotFound notFound -> redirect.addFlashAttribute("problem",
                    ShownProblem.of(Problem.APPOINTMENT_NOT_FOUND, new Object[0], messages, locale));
            case CancelOutcome.NotCancellable not -> redirect.addFlashAttribute("problem",
                    ShownProblem.of(Problem.APPOINTMENT_NOT_CANCELLABLE, new Object[] {stateName(not.appointment().state(), locale)}, messages,
                            locale));
            case CancelOutcome.Refused refused -> redirect.addFlashAttribute("problem",
                    ShownProblem.of(Problem.CANCELLATION_REFUSED, new Object[0], messages, locale));
        }
        redirect.addFlashAttribute("changed", id);
        return "redirect:/mes-rendez-vous";
    }

    /** Signs the patient out on this browser (a shared computer): the session ends. */
    @PostMapping("/mes-rendez-vous/oublier")
    String forget(HttpServletRequest request) {
        PatientSessions.signOut(request);
        return "redirect:/";
    }

    // ---- shared -------------------------------------------------------------------------------------------

    private void refuse(Problem problem, Object[] arguments, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("problem", ShownProblem.of(problem, arguments, messages, locale));
        response.setStatus(problem.status());
    }

    private String stateName(String state, Locale locale) {
        return messages.getMessage("appointments.state." + state, null, state, locale);
    }

    private PatientIdentity sessionPatientOr(HttpServletRequest request, Problem problem) {
        return SessionPatient.in(request, people).orElseThrow(() -> new ProblemException(problem));
    }

    /** A phone number as a {@code tel:} address: digits and a leading +, nothing else. */
    static String telHref(String phone) {
        String digits = phone.replaceAll("[^0-9+]", "");
        return "tel:" + (digits.startsWith("+") || digits.length() != 10 ? digits : "+1" + digits);
    }

    /** Pages with the patient's data are not kept by the browser or a proxy (a shared computer, the back button). */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    private static SlotId slotId(String raw) {
        return new SlotId(uuid(raw));
    }

    private static HoldId holdId(String raw) {
        return new HoldId(uuid(raw));
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, raw.length() > 40 ? raw.substring(0, 40) : raw);
        }
    }
}
