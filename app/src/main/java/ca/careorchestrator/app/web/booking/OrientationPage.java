package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.orientation.Orientation;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.app.web.api.SearchCriteria;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.orientation.Answers;
import ca.careorchestrator.core.orientation.OrientationResult;
import ca.careorchestrator.core.orientation.Outcome;
import ca.careorchestrator.core.orientation.Reason;
import ca.careorchestrator.core.orientation.Recommendation;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The patient's orientation questionnaire ({@code /orientation}): answers → recommendation (or 911 / 811) with why
 * → the search pre-filled with the service, the professions in order and the window up to the delay → book, or join
 * the waitlist. Answers travel in a POST body, never in an address.
 */
@Controller
class OrientationPage {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

    private final Orientation orientation;
    private final ServiceTypes services;
    private final MessageSource messages;
    private final Clock clock;

    OrientationPage(Orientation orientation, ServiceTypes services, MessageSource messages, Clock clock) {
        this.orientation = orientation;
        this.services = services;
        this.messages = messages;
        this.clock = clock;
    }

    /** The form as sent (raw text, shown back). */
    record OrientationForm(String reason, String text, String age, String pregnant, String chronic, String registered) {

        static OrientationForm empty() {
            return new OrientationForm(null, null, null, null, null, null);
        }

        Answers answers() {
            return new Answers(present(reason), present(text), present(age).flatMap(OrientationForm::integer), yesNo(pregnant),
                    yesNo(chronic), yesNo(registered));
        }

        private static Optional<String> present(String raw) {
            return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
        }

        /** Not a number is "out of range" (the same refusal as 130): the field is re-asked either way. */
        private static Optional<Integer> integer(String raw) {
            try {
                return Optional.of(Integer.parseInt(raw));
            } catch (NumberFormatException e) {
                return Optional.of(-1);
            }
        }

        private static Optional<Boolean> yesNo(String raw) {
            return "yes".equals(raw) ? Optional.of(true) : "no".equals(raw) ? Optional.of(false) : Optional.empty();
        }
    }

    /** One profession's search, in the recommended order. */
    record SearchLink(String profession, String href) {
    }

    @GetMapping("/orientation")
    String form(Model model, Locale locale) {
        return show(OrientationForm.empty(), model, locale);
    }

    @PostMapping("/orientation")
    String orient(OrientationForm form, Model model, Locale locale, HttpServletResponse response) {
        Language language = Languages.of(locale);
        switch (orientation.orient(form.answers())) {
            case OrientationResult.Recommended recommended -> {
                Recommendation recommendation = recommended.recommendation();
                model.addAttribute("recommendation", recommendation);
                model.addAttribute("why", recommendation.why(language));
                model.addAttribute("reasonLabel", recommendation.reason().label(language));
                if (recommendation.outcome() instanceof Outcome.Book book) {
                    LocalDate today = LocalDate.now(clock.withZone(QUEBEC));
                    model.addAttribute("book", book);
                    model.addAttribute("serviceName", services.find(book.service().value()).map(s -> s.name(language)).orElse(book.service().value()));
                    model.addAttribute("searches", book.professions().stream()
                            .map(p -> new SearchLink(p.name(language), SearchCriteria.searchPage(book.service(), p, today, today.plusDays(Math.max(1, book.maxDelay().toDays()))))).toList());
                    // Nothing fits in time: an alert for the same service over the same window.
                    model.addAttribute("waitlist", UriComponentsBuilder.fromPath("/alertes").queryParam("service", book.service().value())
                            .queryParam("from", today).queryParam("to", today.plusDays(Math.max(1, book.maxDelay().toDays())))
                            .build().toUriString());
                }
                return "orientation/result";
            }
            case OrientationResult.NotOriented refused -> {
                response.setStatus(Orientation.problem(refused.defects().getFirst()).status());
                model.addAttribute("problem", ShownProblem.of(Orientation.problem(refused.defects().getFirst()), new Object[0], messages, locale));
                model.addAttribute("defects", refused.defects().stream().map(Enum::name).toList());
                model.addAttribute("candidates", refused.candidates());
                return show(form, model, locale);
            }
        }
    }

    private String show(OrientationForm form, Model model, Locale locale) {
        Language language = Languages.of(locale);
        List<Reason> reasons = orientation.reasons();
        model.addAttribute("form", form);
        model.addAttribute("redFlags", reasons.stream().filter(Reason::redFlag).map(r -> new SlotSearchPage.Option(r.code(), r.label(language))).toList());
        model.addAttribute("visits", reasons.stream().filter(r -> !r.redFlag()).map(r -> new SlotSearchPage.Option(r.code(), r.label(language))).toList());
        if (!model.containsAttribute("candidates")) {
            model.addAttribute("candidates", List.of());
            model.addAttribute("defects", List.of());
        }
        model.addAttribute("language", language);
        return "orientation/form";
    }
}
