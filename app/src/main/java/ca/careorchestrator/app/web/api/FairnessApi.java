package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.fairness.Fairness;
import ca.careorchestrator.app.fairness.StoredFlag;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.fairness.Signal;
import ca.careorchestrator.core.fairness.Thresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ministry's audit view of hoarding flags, and the thresholds behind them (public rules). */
@RestController
@RequestMapping(path = "/api/v1/fairness", produces = "application/json")
class FairnessApi {

    static final int MAX_DAYS = 90;
    private static final int LIMIT = 1_000;

    private final Fairness fairness;
    private final Clock clock;

    FairnessApi(Fairness fairness, Clock clock) {
        this.fairness = fairness;
        this.clock = clock;
    }

    record FlagJson(UUID id, String actorKind, String actor, String signal, long observed, long threshold, long windowSeconds,
            Instant raisedAt) {

        static FlagJson of(StoredFlag stored) {
            var flag = stored.flag();
            return new FlagJson(stored.id(), flag.actor().kind().name(), flag.actor().id(), flag.signal().name(), flag.observed(),
                    flag.threshold(), flag.window().toSeconds(), flag.raisedAt());
        }
    }

    /** Flags of the last {@code days} days (1 to 90), newest first, optionally of one signal. */
    @GetMapping("/flags")
    List<FlagJson> flags(@RequestParam(required = false) String days, @RequestParam(required = false) String signal) {
        int span = days(days);
        Instant now = clock.instant();
        return fairness.flags(now.minus(Duration.ofDays(span)), now.plusSeconds(1), signal(signal), LIMIT).stream()
                .map(FlagJson::of).toList();
    }

    @GetMapping("/thresholds")
    Thresholds thresholds() {
        return fairness.thresholds();
    }

    static int days(String raw) {
        if (raw == null || raw.isBlank()) {
            return 7;
        }
        try {
            int days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // the problem below
        }
        throw new ProblemException(Problem.MALFORMED_PARAMETER, "days");
    }

    static Optional<Signal> signal(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Signal.valueOf(raw.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.UNKNOWN_SIGNAL);
        }
    }
}
