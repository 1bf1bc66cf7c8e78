package ca.careorchestrator.app.web.booking;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.catalog.SearchResult;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Modality;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.text.Collator;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The patient's search: every free slot of every platform, with how each is booked and at which clinic. */
@Controller
class SlotSearchPage {

    static final int PAGE_SIZE = 10;

    private final Catalog catalog;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final SlotViews views;
    private final MessageSource messages;
    private final Clock clock;
    private final ca.careorchestrator.app.allocation.Admissions admissions;

    SlotSearchPage(Catalog catalog, Directory directory, ServiceTypes serviceTypes, SlotViews views, MessageSource messages, Clock clock,
            ca.careorchestrator.app.allocation.Admissions admissions) {
        this.admissions = admissions;
        this.catalog = catalog;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.views = views;
        this.messages = messages;
        this.clock = clock;
    }

    /** A choice in a select: the value sent and the label shown. */
    record Option(String value, String label) {
    }

    @GetMapping(SearchForm.PATH)
    String search(@RequestParam(required = false) String postalCode, @RequestParam(required = false) String radiusKm,
            @RequestParam(required = false) String region, @RequestParam(required = false) String service,
            @RequestParam(required = false) String profession, @RequestParam(required = false) String modality,
            @RequestParam(required = false) String language, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String order,
            @RequestParam(required = false) String page, Model model, Locale locale, HttpServletResponse response,
            jakarta.servlet.http.HttpServletRequest request) {
        SearchForm form = new SearchForm(postalCode, radiusKm, region, service, profession, modality, language, from, to, order, page);
        Language lang = Languages.of(locale);
        model.addAttribute("form", form);
        model.addAttribute("regions", directory.regions().stream().map(RegionOverview::region)
                .map(r -> new Option(r.code().value(), r.code().value() + " · " + r.name())).toList());
        model.addAttribute("services", serviceTypes.all().stream().map(t -> new Option(t.code().value(), t.name(lang)))
                .sorted(Comparator.comparing(Option::label, Collator.getInstance(locale))).toList());
        model.addAttribute("professions", List.of(Profession.values()).stream().map(p -> new Option(p.name(), p.name(lang))).toList());
        model.addAttribute("modalities", List.of(Modality.values()).stream().map(m -> new Option(m.name(), m.name(lang))).toList());
        model.addAttribute("time", new QuebecTime(locale));
        if (!form.submitted()) {
            return "booking/search";
        }
        if (form.nearestWithoutPostalCode()) {
            model.addAttribute("problem", new ShownProblem(Problem.MISSING_PARAMETER.code(),
                    messages.getMessage("search.nearest.title", null, locale), messages.getMessage("search.nearest.detail", null, locale)));
            model.addAttribute("problemField", "postalCode");
            response.setStatus(Problem.MISSING_PARAMETER.status());
            return "booking/search";
        }
        try {
            // The patient identified in this session sees what the allocation rules open to them; anyone else what is open to everyone.
            ca.careorchestrator.core.allocation.Applicant applicant = SessionPatient.in(request, java.time.LocalDate.ofInstant(clock.instant(), QuebecTime.ZONE))
                    .map(admissions::applicant).orElseGet(ca.careorchestrator.core.allocation.Applicant::anonymous);
            SearchResult result = catalog.search(form.criteria(PAGE_SIZE).toQuery(directory, serviceTypes, clock.instant()),
                    admissions.visibilityFor(applicant));
            model.addAttribute("moreForSignedIn", result.hiddenByPolicy() && applicant instanceof ca.careorchestrator.core.allocation.Applicant.Anonymous);
            model.addAttribute("hits", views.hits(result.hits(), lang));
            model.addAttribute("page", result.page());
            model.addAttribute("previous", result.page() > 0 ? form.pageLink(result.page() - 1) : null);
            model.addAttribute("next", result.hasNext() ? form.pageLink(result.page() + 1) : null);
        } catch (ProblemException e) {
            model.addAttribute("problem", ShownProblem.of(e.problem(), e.arguments(), messages, locale));
            model.addAttribute("problemField", fieldOf(e.problem()));
            response.setStatus(e.problem().status());
        } catch (Catalog.NotReady e) {
            model.addAttribute("problem", ShownProblem.of(Problem.SEARCH_NOT_READY, new Object[0], messages, locale));
            response.setStatus(Problem.SEARCH_NOT_READY.status());
            response.setHeader("Retry-After", "5");
        }
        return "booking/search";
    }

    /** The form field a search problem is about (its input is marked invalid and points at the message). */
    private static String fieldOf(Problem problem) {
        return switch (problem.code()) {
            case "malformed-postal-code", "unknown-postal-area" -> "postalCode";
            case "radius-out-of-range" -> "radiusKm";
            case "unknown-region" -> "region";
            case "unknown-service" -> "service";
            case "unknown-profession" -> "profession";
            case "unknown-modality" -> "modality";
            case "unknown-language" -> "language";
            case "malformed-date", "window-in-past", "window-too-long" -> "from";
            case "unknown-order" -> "order";
            default -> "";
        };
    }
}
