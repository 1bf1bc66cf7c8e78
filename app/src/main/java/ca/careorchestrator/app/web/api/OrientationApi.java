package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.orientation.Orientation;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.orientation.Answers;
import ca.careorchestrator.core.orientation.Outcome;
import ca.careorchestrator.core.orientation.Reason;
import ca.careorchestrator.core.orientation.Recommendation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orientation as JSON: the reasons for a visit, and a recommendation for answers (which row of which version of the
 * table matched, and why). Advice for routing, not a diagnosis; red flags answer 911 or 811 and no search.
 */
@RestController
@RequestMapping(path = "/api/v1/orientation", produces = "application/json")
class OrientationApi {

    private static final ZoneId QUEBEC = ZoneId.of("America/Montreal");

    private final Orientation orientation;
    private final Clock clock;

    OrientationApi(Orientation orientation, Clock clock) {
        this.orientation = orientation;
        this.clock = clock;
    }

    record ReasonJson(String code, String label, boolean redFlag) {
    }

    record AnswersJson(String reason, String text, Integer age, Boolean pregnant, Boolean chronic, Boolean registered) {
    }

    /** Only what applies: a phone number for a call, a service and a search for a booking. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record OutcomeJson(String kind, String phone, String service, List<String> professions, Long maxDelayDays, String search) {
    }

    record RecommendationJson(String version, String row, ReasonJson reason, OutcomeJson outcome, String why, String disclaimer) {
    }

    @GetMapping("/reasons")
    List<ReasonJson> reasons(Locale locale) {
        Language language = Languages.of(locale);
        return orientation.reasons().stream().map(r -> json(r, language)).toList();
    }

    @PostMapping(consumes = "application/json")
    RecommendationJson orient(@RequestBody(required = false) AnswersJson body, Locale locale) {
        if (body == null) {
            throw new ProblemException(Problem.MALFORMED_BODY);
        }
        Recommendation recommendation = orientation.recommend(new Answers(Optional.ofNullable(body.reason()), Optional.ofNullable(body.text()),
                Optional.ofNullable(body.age()), Optional.ofNullable(body.pregnant()), Optional.ofNullable(body.chronic()),
                Optional.ofNullable(body.registered())));
        Language language = Languages.of(locale);
        return new RecommendationJson(recommendation.version(), recommendation.rowId(), json(recommendation.reason(), language),
                outcome(recommendation.outcome(), LocalDate.now(clock.withZone(QUEBEC))), recommendation.why(language),
                language == Language.FR ? "Conseil d'orientation, pas un diagnostic. En cas d'urgence : 911."
                        : "Routing advice, not a diagnosis. In an emergency: 911.");
    }

    private static ReasonJson json(Reason reason, Language language) {
        return new ReasonJson(reason.code(), reason.label(language), reason.redFlag());
    }

    /** A booking outcome links to the search it means: this service and first profession, from today to the delay. */
    static OutcomeJson outcome(Outcome outcome, LocalDate today) {
        return switch (outcome) {
            case Outcome.CallEmergency emergency -> new OutcomeJson("emergency", "911", null, List.of(), null, null);
            case Outcome.CallInfoLine line -> new OutcomeJson(line.line() == Outcome.CallInfoLine.Line.INFO_SANTE ? "info-sante" : "info-social",
                    "811", null, List.of(), null, null);
            case Outcome.Book book -> new OutcomeJson("book", null, book.service().value(), book.professions().stream().map(Enum::name).toList(),
                    book.maxDelay().toDays(), SearchCriteria.searchPage(book.service(), book.professions().getFirst(), today,
                    today.plusDays(Math.max(1, book.maxDelay().toDays()))));
        };
    }
}
