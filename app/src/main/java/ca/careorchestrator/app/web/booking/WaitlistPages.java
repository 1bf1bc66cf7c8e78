package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.booking.BookOutcome;
import ca.careorchestrator.app.booking.PatientIdentity;
import ca.careorchestrator.app.identity.Actors;
import ca.careorchestrator.app.identity.AuditTrail;
import ca.careorchestrator.app.identity.InsuredPeople;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.waitlist.AcceptOutcome;
import ca.careorchestrator.app.waitlist.CareRequestView;
import ca.careorchestrator.app.waitlist.DeclineOutcome;
import ca.careorchestrator.app.waitlist.FileOutcome;
import ca.careorchestrator.app.waitlist.OfferId;
import ca.careorchestrator.app.waitlist.OfferView;
import ca.careorchestrator.app.waitlist.Waitlist;
import ca.careorchestrator.app.waitlist.WithdrawOutcome;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.geo.Fsa;
import ca.careorchestrator.core.geo.PostalCode;
import ca.careorchestrator.core.patient.CareRequestId;
import ca.careorchestrator.core.patient.PatientId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient's alert pages (the waitlist, free for everyone): file a care request and see or withdraw one's requests
 * ({@code /alertes}); answer an offer, the page a notice links to ({@code /offres/{id}}). The patient is the booking
 * pages' session patient ({@link SessionPatient}); refusals are the catalogue's problems, shown inline.
 */
@Controller
class WaitlistPages {

    private static final List<Integer> RADII = List.of(5, 10, 25, 50, 100);

    private final Waitlist waitlist;
    private final SlotViews views;
    private final ServiceTypes serviceTypes;
    private final Directory directory;
    private final MessageSource messages;
    private final Clock clock;
    private final InsuredPeople people;
    private final AuditTrail audit;

    WaitlistPages(Waitlist waitlist, SlotViews views, ServiceTypes serviceTypes, Directory directory, MessageSource messages, Clock clock,
            InsuredPeople people, AuditTrail audit) {
        this.people = people;
        this.audit = audit;
        this.waitlist = waitlist;
        this.views = views;
        this.serviceTypes = serviceTypes;
        this.directory = directory;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the form sent back, to fill it again after a refusal (never the NAM). */
    record AlertForm(String service, String postalCode, String radiusKm, String from, String to, Set<String> modalities) {

        static AlertForm empty(LocalDate today) {
            return new AlertForm("", "", "25", today.toString(), today.plusDays(30).toString(), Set.of(Modality.IN_PERSON.name()));
        }

        public boolean accepts(String modality) {
            return modalities.contains(modality);
        }
    }

    /** A care request as the list shows it. */
    record Row(CareRequestView view, String service, String modalities) {

        public String id() {
            return view.request().id().toString();
        }

        public boolean open() {
            return view.state().equals("OPEN") || view.state().equals("OFFERED");
        }
    }

    /** {@code service}, {@code from}, {@code to} (Quebec days) pre-fill the form: the orientation result links here with them. */
    @GetMapping("/alertes")
    String alerts(@RequestParam(required = false) String service, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        if (!model.containsAttribute("alert")) {
            AlertForm empty = AlertForm.empty(today());
            // Only values the form can show are taken; anything else is left to the defaults (the POST checks it all again).
            model.addAttribute("alert", new AlertForm(service != null && serviceTypes.find(service.strip()).isPresent() ? service.strip()
                    : empty.service(), empty.postalCode(), empty.radiusKm(), day(from).orElse(empty.from()), day(to).orElse(empty.to()),
                    empty.modalities()));
        }
        return alertsPage(model, locale, request, response);
    }

    private static java.util.Optional<String> day(String raw) {
        try {
            return raw == null ? java.util.Optional.empty() : java.util.Optional.of(LocalDate.parse(raw.strip()).toString());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private String alertsPage(Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Language language = Languages.of(locale);
        noStore(response);
        model.addAttribute("time", new QuebecTime(locale));
        model.addAttribute("services", serviceTypes.all().stream().map(t -> new SlotSearchPage.Option(t.code().value(), t.name(language))).toList());
        model.addAttribute("modalityOptions", List.of(Modality.values()).stream().map(m -> new SlotSearchPage.Option(m.name(), m.name(language)))
                .toList());
        model.addAttribute("radii", RADII);
        PatientIdentity patient = signedIn(request);
        model.addAttribute("patient", patient);
        model.addAttribute("rows", waitlist.requestsOf(patient.id()).stream().map(v -> row(v, language)).toList());
        audit.granted(Actors.current(request), "page.alerts.list", patient.id(), "the patient's own care requests");
        return "waitlist/alerts";
    }

    @PostMapping("/alertes")
    String file(@RequestParam(required = false) String service, @RequestParam(required = false) String postalCode,
            @RequestParam(required = false) String radiusKm, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) List<String> modalities, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        AlertForm alert = new AlertForm(blank(service), blank(postalCode), blank(radiusKm), blank(from), blank(to),
                modalities == null ? Set.of() : Set.copyOf(modalities));
        model.addAttribute("alert", alert);
        PatientIdentity patient = signedIn(request);
        try {
            FileOutcome outcome = waitlist.file(filing(patient.id(), alert));
            switch (outcome) {
                case FileOutcome.Filed filed -> {
                    redirect.addFlashAttribute("notice", "filed");
                    redirect.addFlashAttribute("changed", filed.request().request().id().toString());
                    return "redirect:/alertes";
                }
                case FileOutcome.AlreadyWaiting already -> refuse(Problem.CARE_REQUEST_ALREADY_OPEN, new Object[0], model, locale, response);
                case FileOutcome.Refused refused -> refuse(refused.problem(), refused.arguments().toArray(), model, locale, response);
            }
        } catch (ProblemException e) {
            refuse(e.problem(), e.arguments(), model, locale, response);
        }
        return alertsPage(model, locale, request, response);
    }

    private Waitlist.Filing filing(PatientId patient, AlertForm alert) {
        if (alert.service().isEmpty() || !ServiceTypeCode.isValid(alert.service())) {
            throw new ProblemException(Problem.UNKNOWN_SERVICE, alert.service());
        }
        String compact = alert.postalCode().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        Fsa fsa = compact.length() == 3 && Fsa.isValid(compact) ? new Fsa(compact)
                : PostalCode.parse(compact).map(PostalCode::fsa).orElseThrow(() -> new ProblemException(Problem.MALFORMED_POSTAL_CODE,
                        alert.postalCode().length() > 10 ? alert.postalCode().substring(0, 10) : alert.postalCode()));
        int radius;
        try {
            radius = Integer.parseInt(alert.radiusKm());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.RADIUS_OUT_OF_RANGE, 1, 500);
        }
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String m : alert.modalities()) {
            try {
                modalities.add(Modality.valueOf(m));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.UNKNOWN_MODALITY, m.length() > 20 ? m.substring(0, 20) : m);
            }
        }
        return new Waitlist.Filing(patient, new ServiceTypeCode(alert.service()), fsa, radius, day(alert.from(), false), day(alert.to(), true),
                modalities);
    }

    /** A Quebec day: its start, or for the window's end the start of the next day (the day is included). */
    private static Instant day(String raw, boolean end) {
        try {
            LocalDate day = LocalDate.parse(raw);
            return (end ? day.plusDays(1) : day).atStartOfDay(QuebecTime.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.MALFORMED_DATE, raw.length() > 12 ? raw.substring(0, 12) : raw);
        }
    }

    @GetMapping("/alertes/{id}/retirer")
    String alertsAgain() {
        return "redirect:/alertes";
    }

    @PostMapping("/alertes/{id}/retirer")
    String withdraw(@PathVariable String id, Locale locale, HttpServletRequest request, RedirectAttributes redirect) {
        switch (waitlist.withdraw(new CareRequestId(uuid(id)), signedIn(request).id())) {
            case WithdrawOutcome.Withdrawn withdrawn -> redirect.addFlashAttribute("notice", "withdrawn");
            case WithdrawOutcome.NotFound notFound ->
                    redirect.addFlashAttribute("problem", ShownProblem.of(Problem.CARE_REQUEST_NOT_FOUND, new Object[0], messages, locale));
            case WithdrawOutcome.AlreadyEnded ended -> redirect.addFlashAttribute("problem",
                    ShownProblem.of(Problem.CARE_REQUEST_ENDED, new Object[] {stateName(ended.request().state(), locale)}, messages, locale));
        }
        redirect.addFlashAttribute("changed", id);
        return "redirect:/alertes";
    }

    // ---- offers -------------------------------------------------------------------------------------------------

    @GetMapping("/offres/{id}")
    String offer(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        OfferId offerId = new OfferId(uuid(id));
        noStore(response);
        model.addAttribute("time", new QuebecTime(locale));
        model.addAttribute("offerId", offerId.toString());
        PatientIdentity patient = signedIn(request);
        OfferView offer = waitlist.offer(offerId, patient.id()).orElseThrow(() -> new ProblemException(Problem.OFFER_NOT_FOUND));
        audit.granted(Actors.current(request), "page.offer.read", patient.id(), "the patient's own offer");
        return offerPage(offer, patient, model, locale, response);
    }

    private String offerPage(OfferView offer, PatientIdentity patient, Model model, Locale locale, HttpServletResponse response) {
        Instant now = clock.instant();
        boolean pending = offer.state().equals("PENDING");
        boolean open = pending && now.isBefore(offer.expiresAt());
        model.addAttribute("offer", offer);
        model.addAttribute("open", open);
        if ((pending && !open || offer.state().equals("LAPSED")) && !model.containsAttribute("problem")) {
            refuse(Problem.OFFER_EXPIRED, new Object[0], model, locale, response);
        }
        model.addAttribute("secondsLeft", Math.max(0, Duration.between(now, offer.expiresAt()).toSeconds()));
        model.addAttribute("slot", views.slot(offer.slot(), Languages.of(locale)).orElse(null));
        model.addAttribute("patient", patient);
        model.addAttribute("stateName", stateName(offer.state(), locale));
        return "waitlist/offer";
    }

    @GetMapping({"/offres/{id}/accepter", "/offres/{id}/refuser"})
    String offerAgain(@PathVariable String id) {
        return "redirect:/offres/" + uuid(id);
    }

    @PostMapping("/offres/{id}/accepter")
    String accept(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        PatientIdentity patient = signedIn(request);
        OfferId offerId = new OfferId(uuid(id));
        PatientId patientId = patient.id();
        noStore(response);
        model.addAttribute("time", new QuebecTime(locale));
        switch (waitlist.accept(offerId, patientId)) {
            case AcceptOutcome.Accepted accepted -> {
                model.addAttribute("outcome", BookingPages.outcomeCode(accepted.booking()));
                model.addAttribute("holdId", accepted.offer().hold().value().toString());
                Language language = Languages.of(locale);
                switch (accepted.booking()) {
                    case BookOutcome.Confirmed c -> model.addAttribute("appointment", c.appointment());
                    case BookOutcome.Pending p -> {
                        model.addAttribute("appointment", p.appointment());
                        response.setStatus(HttpServletResponse.SC_ACCEPTED);
                    }
                    case BookOutcome.HandedOver h -> {
                        model.addAttribute("handover", h);
                        model.addAttribute("phoneHref", h.phone().map(BookingPages::telHref).orElse(null));
                    }
                    case BookOutcome.SlotTaken t -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
                    case BookOutcome.HoldExpired e -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
                    case BookOutcome.HoldNotFound n -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
                    case BookOutcome.SourceUnavailable u -> throw new IllegalStateException("an accepted offer is booked, pending or handed over");
                }
                model.addAttribute("slot", views.slot(accepted.offer().slot(), language).orElse(null));
                return "booking/confirmation";
            }
            case AcceptOutcome.NotFound notFound -> throw new ProblemException(Problem.OFFER_NOT_FOUND);
            case AcceptOutcome.Expired expired -> {
                refuse(Problem.OFFER_EXPIRED, new Object[0], model, locale, response);
                return offerPage(expired.offer(), patient, model, locale, response);
            }
            case AcceptOutcome.AlreadyAnswered answered -> {
                refuse(Problem.OFFER_ANSWERED, new Object[] {stateName(answered.offer().state(), locale)}, model, locale, response);
                return offerPage(answered.offer(), patient, model, locale, response);
            }
            case AcceptOutcome.SlotGone gone -> {
                refuse(Problem.SLOT_TAKEN, new Object[0], model, locale, response);
                return offerPage(gone.offer(), patient, model, locale, response);
            }
            case AcceptOutcome.SourceUnavailable unavailable -> {
                refuse(Problem.BOOKING_SOURCE_UNAVAILABLE, new Object[] {unavailable.source().displayName()}, model, locale, response);
                response.setHeader("Retry-After", "30");
                return offerPage(waitlist.offer(offerId, patientId).orElseThrow(), patient, model, locale, response);
            }
        }
    }

    @PostMapping("/offres/{id}/refuser")
    String decline(@PathVariable String id, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        PatientIdentity patient = signedIn(request);
        noStore(response);
        model.addAttribute("time", new QuebecTime(locale));
        return switch (waitlist.decline(new OfferId(uuid(id)), patient.id())) {
            case DeclineOutcome.Declined declined -> {
                redirect.addFlashAttribute("notice", "declined");
                yield "redirect:/alertes";
            }
            case DeclineOutcome.NotFound notFound -> throw new ProblemException(Problem.OFFER_NOT_FOUND);
            case DeclineOutcome.Expired expired -> {
                refuse(Problem.OFFER_EXPIRED, new Object[0], model, locale, response);
                yield offerPage(expired.offer(), patient, model, locale, response);
            }
            case DeclineOutcome.AlreadyAnswered answered -> {
                refuse(Problem.OFFER_ANSWERED, new Object[] {stateName(answered.offer().state(), locale)}, model, locale, response);
                yield offerPage(answered.offer(), patient, model, locale, response);
            }
        };
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /** The patient signed in to this session (the security chain lets nobody else reach these pages). */
    private PatientIdentity signedIn(HttpServletRequest request) {
        return SessionPatient.in(request, people).orElseThrow(() -> new ProblemException(Problem.AUTHENTICATION_REQUIRED));
    }

    private Row row(CareRequestView view, Language language) {
        String service = serviceTypes.find(view.request().service().value()).map(t -> t.name(language)).orElse(view.request().service().value());
        String modalities = view.request().modalities().stream().sorted().map(m -> m.name(language)).reduce((a, b) -> a + ", " + b).orElse("");
        return new Row(view, service, modalities);
    }

    private void refuse(Problem problem, Object[] arguments, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("problem", ShownProblem.of(problem, arguments, messages, locale));
        response.setStatus(problem.status());
    }

    private String stateName(String state, Locale locale) {
        return messages.getMessage("waitlist.state." + state, null, state, locale);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), QuebecTime.ZONE);
    }

    private static String blank(String raw) {
        return raw == null ? "" : raw.strip();
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.MALFORMED_ID, raw.length() > 40 ? raw.substring(0, 40) : raw);
        }
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
