package ca.careorchestrator.app.web.fairness;

import ca.careorchestrator.app.fairness.Fairness;
import ca.careorchestrator.app.fairness.StoredFlag;
import ca.careorchestrator.core.fairness.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The ministry's audit view of hoarding flags ({@code /ministere/equite}), French first. */
@Controller
class FairnessPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("America/Montreal"));
    private static final int DAYS = 7;

    private final Fairness fairness;
    private final Clock clock;

    FairnessPage(Fairness fairness, Clock clock) {
        this.fairness = fairness;
        this.clock = clock;
    }

    /** One row, formatted for display. A patient identity is shown by its pseudonymous id only. */
    record Row(String raisedAt, String actorKind, String actor, Signal signal, long observed, long threshold, String window) {

        static Row of(StoredFlag stored) {
            var flag = stored.flag();
            return new Row(TIME.format(flag.raisedAt()), flag.actor().kind().name(), flag.actor().id(), flag.signal(),
                    flag.observed(), flag.threshold(), minutes(flag.window()));
        }
    }

    @GetMapping("/ministere/equite")
    String flags(@RequestParam(required = false) String signal, Model model, Locale locale) {
        Optional<Signal> only = Arrays.stream(Signal.values()).filter(s -> s.name().equals(signal)).findFirst();
        Instant now = clock.instant();
        List<Row> rows = fairness.flags(now.minus(Duration.ofDays(DAYS)), now.plusSeconds(1), only, 500).stream().map(Row::of).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("signals", Signal.values());
        model.addAttribute("signal", only.map(Signal::name).orElse(""));
        model.addAttribute("thresholds", fairness.thresholds());
        return "fairness/flags";
    }

    private static String minutes(Duration window) {
        return window.toHours() >= 1 && window.toMinutesPart() == 0 ? window.toHours() + " h" : window.toMinutes() + " min";
    }
}
