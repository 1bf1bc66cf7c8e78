package ca.careorchestrator.app.web.allocation;

import ca.careorchestrator.app.allocation.Policies;
import ca.careorchestrator.app.allocation.PolicyChange;
import ca.careorchestrator.app.allocation.PolicyScope;
import ca.careorchestrator.app.allocation.StoredPolicy;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.PageRequest;
import ca.careorchestrator.app.directory.ProfessionalQuery;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.AllocationTexts;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.allocation.AllocationPolicy;
import ca.careorchestrator.core.allocation.PolicyDefect;
import ca.careorchestrator.core.allocation.ReleaseStage;
import ca.careorchestrator.core.allocation.WhatIf;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.ProfessionalId;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.care.ServiceTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.text.Collator;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinic's allocation rules for its staff: what is in force (per scope), and an editor whose proposal is first
 * forecast on the coming week (how many slots open to each stage's audience, and when) and only then saved. A bad
 * proposal is shown back with every defect; nothing is changed.
 */
@Controller
class PolicyPages {

    private final Policies policies;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final AllocationTexts texts;
    private final MessageSource messages;

    PolicyPages(Policies policies, Directory directory, ServiceTypes serviceTypes, AllocationTexts texts, MessageSource messages) {
        this.policies = policies;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.texts = texts;
        this.messages = messages;
    }

    /** A choice in a select. */
    public record Option(String value, String label) {
    }

    /** A problem as the page shows it (the catalogue's title and detail). */
    public record Shown(String code, String title, String detail) {
    }

    /** A policy in force, in words. */
    public record PolicyRow(String scope, int version, String savedBy, String savedAt, List<String> stages, String editLink) {
    }

    /** A stage of the forecast: how many slots open to its audience, how many already, and the others by day. */
    public record ForecastRow(int number, String stage, int slots, int openNow, String later) {
    }

    @GetMapping("/clinique/{clinicId}/regles")
    String page(@PathVariable String clinicId, @RequestParam(required = false) String professional, @RequestParam(required = false) String service,
            Model model, Locale locale) {
        Clinic clinic = clinic(clinicId);
        PolicyScope scope = scope(clinic.id(), professional, service);
        List<ReleaseStage> proposal = policies.history(scope).stream().filter(StoredPolicy::current).findFirst().map(p -> p.policy().stages())
                .orElse(AllocationPolicy.EXAMPLE.stages());
        return editor(clinic, PolicyForm.of(blankIfNull(professional), blankIfNull(service), proposal), model, locale);
    }

    @PostMapping("/clinique/{clinicId}/regles")
    String propose(@PathVariable String clinicId, @RequestParam Map<String, String> params, Model model, Locale locale, Principal staff,
            HttpServletResponse response, RedirectAttributes redirect) {
        Clinic clinic = clinic(clinicId);
        PolicyForm form = PolicyForm.of(params);
        boolean save = "save".equals(params.get("action"));
        PolicyChange change;
        try {
            PolicyScope scope = scope(clinic.id(), form.professional(), form.service());
            List<ReleaseStage> stages = form.stages();
            change = save ? policies.save(scope, stages, staff == null ? "unauthenticated" : staff.getName()) : policies.whatIf(scope, stages);
        } catch (ProblemException e) {
            refuse(e.problem(), e.arguments(), model, locale, response);
            return editor(clinic, form, model, locale);
        }
        switch (change) {
            case PolicyChange.Saved saved -> {
                redirect.addFlashAttribute("saved", saved.policy().version());
                return "redirect:/clinique/" + clinic.id() + "/regles";
            }
            case PolicyChange.Forecast forecast -> {
                model.addAttribute("forecastSlots", forecast.forecast().slots());
                model.addAttribute("forecast", forecast.forecast().stages().stream().map(s -> forecastRow(s, locale)).toList());
            }
            case PolicyChange.Invalid invalid -> {
                PolicyDefect first = invalid.defects().get(0);
                refuse(Problem.of(first.kind()), new Object[0], model, locale, response);
                model.addAttribute("defects", invalid.defects().stream().map(d -> texts.defect(d, locale)).toList());
            }
            case PolicyChange.UnknownScope unknown -> refuse(switch (unknown.defect()) {
                case UNKNOWN_CLINIC -> Problem.CLINIC_NOT_FOUND;
                case UNKNOWN_PROFESSIONAL -> Problem.UNKNOWN_PROFESSIONAL;
                case UNKNOWN_SERVICE -> Problem.UNKNOWN_SERVICE;
            }, new Object[] {""}, model, locale, response);
        }
        return editor(clinic, form, model, locale);
    }

    private ForecastRow forecastRow(WhatIf.StageForecast stage, Locale locale) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern(Languages.of(locale) == Language.EN ? "EEE MMM d" : "EEE d MMM",
                Languages.of(locale) == Language.EN ? Locale.CANADA : Locale.CANADA_FRENCH);
        String later = stage.opening().entrySet().stream().map(e -> day.format(e.getKey()) + " : " + e.getValue())
                .collect(Collectors.joining(" · "));
        return new ForecastRow(stage.number(), texts.stage(stage.stage(), locale), stage.slots(), stage.openNow(), later);
    }

    private String editor(Clinic clinic, PolicyForm form, Model model, Locale locale) {
        Language language = Languages.of(locale);
        Collator collator = Collator.getInstance(locale);
        model.addAttribute("clinic", clinic);
        model.addAttribute("form", form);
        model.addAttribute("professionals", directory.professionals(new ProfessionalQuery(Optional.empty(), Optional.of(clinic.id()), Optional.empty(),
                new PageRequest(0, PageRequest.MAX_SIZE))).items().stream()
                .map(p -> new Option(p.id().toString(), p.familyName() + ", " + p.givenName() + " (" + p.profession().name(language) + ")"))
                .sorted(Comparator.comparing(Option::label, collator)).toList());
        model.addAttribute("services", serviceTypes.all().stream().map(t -> new Option(t.code().value(), t.name(language)))
                .sorted(Comparator.comparing(Option::label, collator)).toList());
        model.addAttribute("audiences", List.of("REGISTERED_WITH_CLINIC", "REGISTERED_WITH_PROFESSIONAL", "REFERRED_ORPHAN", "AGE_BAND",
                "RESIDENT_OF", "ANY_INSURED").stream().map(code -> new Option(code, messages.getMessage("rules.audience." + code, null, locale))).toList());
        model.addAttribute("territories", List.of("SLOT_LOCAL_NETWORK", "SLOT_REGION", "LOCAL_NETWORK", "REGION").stream()
                .map(code -> new Option(code, messages.getMessage("rules.territory." + code, null, locale))).toList());
        model.addAttribute("current", policies.currentOf(clinic.id()).stream().map(p -> policyRow(p, locale)).toList());
        return "allocation/rules";
    }

    private PolicyRow policyRow(StoredPolicy policy, Locale locale) {
        PolicyScope scope = policy.scope();
        String who = scope.professional().flatMap(id -> directory.professionals(new ProfessionalQuery(Optional.empty(), Optional.of(scope.clinic()),
                Optional.empty(), new PageRequest(0, PageRequest.MAX_SIZE))).items().stream().filter(p -> p.id().equals(id)).findFirst())
                .map(p -> p.givenName() + " " + p.familyName()).orElse(null);
        String what = scope.service().map(code -> serviceTypes.find(code.value()).map(t -> t.name(Languages.of(locale))).orElse(code.value())).orElse(null);
        String label = who == null && what == null ? messages.getMessage("rules.scope.clinic", null, locale)
                : String.join(" · ", java.util.stream.Stream.of(who, what).filter(java.util.Objects::nonNull).toList());
        String link = "/clinique/" + scope.clinic() + "/regles" + (scope.professional().isPresent() || scope.service().isPresent()
                ? "?professional=" + scope.professional().map(ProfessionalId::toString).orElse("") + "&service="
                        + scope.service().map(ServiceTypeCode::value).orElse("") : "");
        return new PolicyRow(label, policy.version(), policy.savedBy(), texts.when(policy.savedAt(), locale),
                policy.policy().stages().stream().map(s -> texts.stage(s, locale)).toList(), link);
    }

    private Clinic clinic(String raw) {
        UUID id;
        try {
            id = UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.CLINIC_NOT_FOUND, "");
        }
        return directory.clinic(new ClinicId(id)).orElseThrow(() -> new ProblemException(Problem.CLINIC_NOT_FOUND, id.toString()));
    }

    private static PolicyScope scope(ClinicId clinic, String professional, String service) {
        Optional<ProfessionalId> who = Optional.empty();
        if (professional != null && !professional.isBlank()) {
            try {
                who = Optional.of(new ProfessionalId(UUID.fromString(professional.strip())));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.UNKNOWN_PROFESSIONAL, "");
            }
        }
        Optional<ServiceTypeCode> what = Optional.empty();
        if (service != null && !service.isBlank()) {
            if (!ServiceTypeCode.isValid(service.strip())) {
                throw new ProblemException(Problem.UNKNOWN_SERVICE, "");
            }
            what = Optional.of(new ServiceTypeCode(service.strip()));
        }
        return new PolicyScope(clinic, who, what);
    }

    private void refuse(Problem problem, Object[] arguments, Model model, Locale locale, HttpServletResponse response) {
        model.addAttribute("problem", new Shown(problem.code(), messages.getMessage("problem." + problem.code() + ".title", null, locale),
                messages.getMessage("problem." + problem.code() + ".detail", arguments, locale)));
        response.setStatus(problem.status());
    }

    private static String blankIfNull(String raw) {
        return raw == null ? "" : raw;
    }
}
