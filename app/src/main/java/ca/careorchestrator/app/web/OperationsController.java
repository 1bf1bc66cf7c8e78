package ca.careorchestrator.app.web;

import ca.careorchestrator.app.ingestion.Quarantine;
import ca.careorchestrator.app.ingestion.QuarantineEntry;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.core.care.SourceSystem;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Operator pages: the connected sources and the quarantine. */
@Controller
class OperationsController {

    private static final int PAGE = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("America/Montreal"));

    private final Sources sources;
    private final Quarantine quarantine;
    private final Clock clock;

    OperationsController(Sources sources, Quarantine quarantine, Clock clock) {
        this.sources = sources;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** One row of the sources table, formatted for display. */
    record SourceRow(SourceStatus status, String lastSuccess, String lag, String lastFullRead, String nextAttempt) {
    }

    @GetMapping("/operations/sources")
    String sources(Model model, Locale locale) {
        Instant now = clock.instant();
        List<SourceRow> rows = sources.statuses().stream().map(s -> new SourceRow(s, time(s.lastSuccess()),
                s.lag(now).map(OperationsController::duration).orElse("—"), time(s.lastFullRead()), time(s.nextAttempt()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("versions", sources.mappingVersions());
        model.addAttribute("numbers", new NumberFormatter(locale));
        model.addAttribute("refreshed", TIME.format(now));
        return "operations/sources";
    }

    @PostMapping("/operations/sources/{source}/sync")
    String sync(@PathVariable String source, @RequestParam(defaultValue = "false") boolean full, RedirectAttributes redirect) {
        system(source).ifPresent(system -> {
            sources.syncNow(system, full);
            redirect.addFlashAttribute("notice", system.displayName());
        });
        return "redirect:/operations/sources";
    }

    @GetMapping("/operations/quarantine")
    String quarantine(@RequestParam(required = false) String source, @RequestParam(required = false, defaultValue = "OPEN") String status,
            @RequestParam(required = false, defaultValue = "0") int page, Model model, Locale locale) {
        Optional<SourceSystem> system = system(source);
        Optional<QuarantineEntry.Status> state = Arrays.stream(QuarantineEntry.Status.values()).filter(s -> s.name().equals(status)).findFirst();
        int from = Math.max(0, page) * PAGE;
        model.addAttribute("entries", quarantine.list(system, state, from, PAGE));
        model.addAttribute("total", quarantine.count(system, state));
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("pageSize", PAGE);
        model.addAttribute("source", system.map(Enum::name).orElse(""));
        model.addAttribute("status", state.map(Enum::name).orElse(""));
        model.addAttribute("systems", SourceSystem.values());
        model.addAttribute("statuses", QuarantineEntry.Status.values());
        model.addAttribute("open", quarantine.openBySource());
        model.addAttribute("numbers", new NumberFormatter(locale));
        model.addAttribute("time", (java.util.function.Function<Instant, String>) TIME::format);
        return "operations/quarantine";
    }

    @PostMapping("/operations/quarantine/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes redirect) {
        Sources.ReplayResult result = sources.replay(id);
        redirect.addFlashAttribute("replay", result);
        return "redirect:/operations/quarantine";
    }

    @PostMapping("/operations/quarantine/{id}/discard")
    String discard(@PathVariable long id) {
        quarantine.resolve(id, QuarantineEntry.Status.DISCARDED, clock.instant());
        return "redirect:/operations/quarantine";
    }

    @PostMapping("/operations/quarantine/replay")
    String replayAll(@RequestParam String source, RedirectAttributes redirect) {
        system(source).ifPresent(system -> redirect.addFlashAttribute("replay", sources.replayAll(system, 10_000)));
        return "redirect:/operations/quarantine?source=" + source;
    }

    @PostMapping("/operations/mappings/reload")
    String reloadMappings(RedirectAttributes redirect) {
        sources.reloadMappings();
        redirect.addFlashAttribute("reloaded", true);
        return "redirect:/operations/quarantine";
    }

    private static Optional<SourceSystem> system(String raw) {
        return raw == null ? Optional.empty() : Arrays.stream(SourceSystem.values()).filter(s -> s.name().equals(raw)).findFirst();
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(TIME::format).orElse("—");
    }

    private static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
    }
}
