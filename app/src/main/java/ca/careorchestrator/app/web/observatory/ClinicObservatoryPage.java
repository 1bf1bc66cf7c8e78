package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.FilterCheck;
import ca.careorchestrator.app.observatory.Figures;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.Median;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.app.observatory.ObservatoryQueries.AreaFigures;
import ca.careorchestrator.app.observatory.ObservatoryQueries.ClinicComparison;
import ca.careorchestrator.app.observatory.ObservatoryQueries.DayFigures;
import ca.careorchestrator.app.observatory.SmallCells;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.security.CurrentActor;
import ca.careorchestrator.core.care.ServiceTypes;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A clinic's own figures for its staff, against the median of its region's clinics ({@code /clinique/{clinicId}/observatoire};
 * the security rules let only that clinic's staff in). {@code /clinique/observatoire} sends staff to their clinic's.
 */
@Controller
class ClinicObservatoryPage {

    /** Below three clinics a region has no median here (nor in the API): it would give the other clinics' figures away. */
    static final int MIN_CLINICS_FOR_MEDIAN = 3;

    private final ObservatoryQueries queries;
    private final FilterCheck check;
    private final ServiceTypes serviceTypes;
    private final CurrentActor actor;
    private final MessageSource messages;

    ClinicObservatoryPage(ObservatoryQueries queries, FilterCheck check, ServiceTypes serviceTypes, CurrentActor actor, MessageSource messages) {
        this.queries = queries;
        this.check = check;
        this.serviceTypes = serviceTypes;
        this.actor = actor;
        this.messages = messages;
    }

    /**
     * An indicator of the comparison: the clinic's value (as published: SmallCells), its region's median over its
     * clinics, whether it is above or below, and where the clinic stands among them ("3 of 12", the first having the most).
     */
    record Comparison(String label, String clinic, String median, String note, String rank) {
    }

    @GetMapping("/clinique/observatoire")
    String mine() {
        return "redirect:/clinique/" + actor.clinic().orElseThrow(() -> new ProblemException(Problem.FORBIDDEN)).value() + "/observatoire";
    }

    @GetMapping("/clinique/{clinicId}/observatoire")
    String page(@PathVariable String clinicId, FilterForm typed, Model model, Locale locale, HttpServletResponse response) {
        FilterForm form = FilterForm.orEmpty(typed);
        Numbers numbers = new Numbers(locale);
        String path = "/clinique/" + clinicId + "/observatoire";
        model.addAttribute("numbers", numbers);
        model.addAttribute("form", form);
        model.addAttribute("action", path);
        model.addAttribute("services", ObservatoryPages.services(serviceTypes, locale));
        model.addAttribute("professions", ObservatoryPages.professions(locale));
        model.addAttribute("langHref", form.otherLanguage(path, Map.of(), locale));
        ObservatoryFilter filter;
        try {
            filter = check.valid(form.asked(Area.Level.CLINIC, clinicId));
        } catch (ProblemException refused) {
            Shown.refuse(refused, messages, locale, model, response);
            model.addAttribute("title", messages.getMessage("obs.title", null, locale));
            return "observatory/clinic";
        }
        ClinicComparison comparison = queries.clinic(UUID.fromString(filter.code()), filter)
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_AREA, clinicId));
        model.addAttribute("form", form.shown(filter));
        model.addAttribute("title", messages.getMessage("obs.clinic.title", new Object[] {comparison.clinic().area().name()}, locale));
        model.addAttribute("rules", "/clinique/" + filter.code() + "/regles");
        model.addAttribute("region", comparison.region().area().name());
        List<AreaFigures> peers = comparison.regionClinics();
        model.addAttribute("peers", peers.size());
        // With fewer than three clinics a median gives the others' figures away (as the API: none below three).
        boolean enough = peers.size() >= MIN_CLINICS_FOR_MEDIAN;
        model.addAttribute("enough", enough);
        model.addAttribute("period", messages.getMessage("obs.period", new Object[] {numbers.date(filter.from()), numbers.date(filter.to())}, locale));

        SmallCells.Shown own = SmallCells.protect(comparison.clinic().figures());
        Figures medians = comparison.region().figures();
        List<Comparison> rows = new ArrayList<>();
        rows.add(count("obs.card.offered", Measure.OFFERED, own, medians, peers, enough, numbers, locale));
        rows.add(rate("obs.card.fill", own.fillRate(), peers, Figures::fillRate, enough, numbers::percent, locale));
        rows.add(rate("obs.col.unused-share", KeyFigures.ratio(own.get(Measure.UNUSED), own.get(Measure.OFFERED)), peers,
                f -> KeyFigures.ratio(f.get(Measure.UNUSED), f.get(Measure.OFFERED)), enough, numbers::percent, locale));
        rows.add(count("obs.card.booked", Measure.BOOKED, own, medians, peers, enough, numbers, locale));
        rows.add(rate("obs.card.wait", own.meanWaitDays(), peers, Figures::meanWaitDays, enough, numbers::days, locale));
        rows.add(rate("obs.col.no-show-rate", KeyFigures.ratio(own.get(Measure.NO_SHOWS), own.get(Measure.USED_HERE)), peers,
                f -> KeyFigures.ratio(f.get(Measure.NO_SHOWS), f.get(Measure.USED_HERE)), enough, numbers::percent, locale));
        rows.add(rate("obs.card.orphans", own.orphanShare(), peers, Figures::orphanShare, enough, numbers::percent, locale));
        rows.add(thirdNext(comparison, enough, numbers, locale));
        model.addAttribute("comparisons", rows);

        Charts charts = new Charts(messages, locale, numbers);
        List<DayFigures> series = queries.series(filter);
        model.addAttribute("daily", List.of(charts.supply(series), charts.bookings(series)));
        model.addAttribute("distributions", List.of(charts.waits(own), charts.leads(own), charts.channels(own), charts.stages(own),
                charts.cancellations(own)));
        return "observatory/clinic";
    }

    /** A count: the clinic's (as published), the median of its region's clinics (a count too: from 1 to 4 suppressed). */
    private Comparison count(String key, Measure measure, SmallCells.Shown own, Figures medians, List<AreaFigures> peers, boolean enough,
            Numbers numbers, Locale locale) {
        OptionalLong mine = own.get(measure);
        OptionalLong median = enough ? SmallCells.count(medians.get(measure)) : OptionalLong.empty();
        OptionalDouble value = mine.isPresent() ? OptionalDouble.of(mine.getAsLong()) : OptionalDouble.empty();
        return compared(key, value, median.isPresent() ? OptionalDouble.of(median.getAsLong()) : OptionalDouble.empty(),
                peers.stream().map(p -> OptionalDouble.of(p.figures().get(measure))).toList(), enough, numbers.count(mine),
                enough ? numbers.count(median) : Numbers.NONE, locale);
    }

    private Comparison rate(String key, OptionalDouble mine, List<AreaFigures> peers, Function<Figures, OptionalDouble> rate, boolean enough,
            Function<OptionalDouble, String> shown, Locale locale) {
        List<OptionalDouble> values = peers.stream().map(p -> rate.apply(p.figures())).toList();
        OptionalDouble median = enough ? Median.ofRates(values) : OptionalDouble.empty();
        return compared(key, mine, median, values, enough, shown.apply(mine), shown.apply(median), locale);
    }

    private Comparison thirdNext(ClinicComparison comparison, boolean enough, Numbers numbers, Locale locale) {
        OptionalDouble mine = KeyFigures.days(comparison.clinic().thirdNextMedianMinutes());
        OptionalDouble median = enough ? KeyFigures.days(comparison.region().thirdNextMedianMinutes()) : OptionalDouble.empty();
        List<OptionalDouble> values = comparison.regionClinics().stream().map(p -> KeyFigures.days(p.thirdNextMedianMinutes())).toList();
        return compared("obs.card.third-next.clinic", mine, median, values, enough, numbers.days(mine), numbers.days(median), locale);
    }

    /** Where the clinic stands: above or below the median, and its rank among the clinics that have a value (1: the highest). */
    private Comparison compared(String key, OptionalDouble mine, OptionalDouble median, List<OptionalDouble> peers, boolean enough, String mineShown,
            String medianShown, Locale locale) {
        String note = "";
        String rank = "";
        if (mine.isPresent() && median.isPresent()) {
            int c = Double.compare(mine.getAsDouble(), median.getAsDouble());
            note = messages.getMessage(c > 0 ? "obs.clinic.above" : c < 0 ? "obs.clinic.below" : "obs.clinic.same", null, locale);
        }
        List<Double> values = peers.stream().filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
        if (enough && mine.isPresent() && values.size() >= MIN_CLINICS_FOR_MEDIAN) {
            long above = values.stream().filter(v -> v > mine.getAsDouble()).count();
            rank = messages.getMessage("obs.clinic.rank", new Object[] {above + 1, values.size()}, locale);
        }
        return new Comparison(messages.getMessage(key, null, locale), mineShown, medianShown, note, rank);
    }
}
