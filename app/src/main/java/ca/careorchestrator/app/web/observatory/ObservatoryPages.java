package ca.careorchestrator.app.web.observatory;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Dictionary;
import ca.careorchestrator.app.observatory.FilterCheck;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.app.observatory.ObservatoryQueries.AreaFigures;
import ca.careorchestrator.app.observatory.ObservatoryQueries.Breakdown;
import ca.careorchestrator.app.observatory.ObservatoryQueries.DayFigures;
import ca.careorchestrator.app.observatory.ObservatoryQueries.FlagCount;
import ca.careorchestrator.app.observatory.SmallCells;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.app.web.Languages;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Language;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypes;
import ca.careorchestrator.core.fairness.Signal;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import jakarta.servlet.http.HttpServletResponse;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ministry's observatory (issue #7), French first: the province by region ({@code /observatoire}, a tile grid
 * and a table), then a region's local networks, a network's clinics and a clinic, each with its figures over the days
 * asked, their daily series and distributions (charts drawn from the tables shown with them); data quality; the data
 * dictionary. Filters are a GET form; a filter the observatory refuses is shown as the problem, with the form.
 */
@Controller
class ObservatoryPages {

    static final String ROOT = "/observatoire";

    private final ObservatoryQueries queries;
    private final FilterCheck check;
    private final Directory directory;
    private final ServiceTypes serviceTypes;
    private final MessageSource messages;

    ObservatoryPages(ObservatoryQueries queries, FilterCheck check, Directory directory, ServiceTypes serviceTypes, MessageSource messages) {
        this.queries = queries;
        this.check = check;
        this.directory = directory;
        this.serviceTypes = serviceTypes;
        this.messages = messages;
    }

    /** A step of the breadcrumbs; the current page has no link. */
    record Crumb(String label, String href) {
    }

    /** A choice in a select. */
    record Option(String value, String label) {
    }

    /** One area of a table: its name, where it drills down to, its figures. */
    record PartRow(String code, String name, String href, KeyFigures figures) {
    }

    /** A column heading of a sortable table: its link sorts by it (again: the other way), {@code ariaSort} says how it is sorted now. */
    record SortHeading(String key, String label, String href, String ariaSort) {
    }

    /** A region's tile in the overview's grid. */
    record Tile(String code, String name, String href, KeyFigures figures, int level, String marks, String value, int column, int row) {
    }

    /** A class of the tiles' legend. */
    record LegendEntry(int level, String marks, String range) {
    }

    /** A card of key figures. */
    record Card(String label, String value) {
    }

    /** A link to an export of the figures shown. */
    record Export(String label, String href) {
    }

    /** A row of the fairness table: a signal and its flags per kind of actor. */
    record FlagRow(String signal, List<java.util.OptionalLong> flags) {
    }

    @GetMapping(ROOT)
    String province(FilterForm form, @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
            @RequestParam(required = false) String indicator, Model model, Locale locale, HttpServletResponse response) {
        return area(Area.Level.PROVINCE, Area.PROVINCE_CODE, form, sort, dir, indicator, model, locale, response);
    }

    @GetMapping(ROOT + "/regions/{code}")
    String region(@PathVariable String code, FilterForm form, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, Model model, Locale locale, HttpServletResponse response) {
        return area(Area.Level.REGION, code, form, sort, dir, null, model, locale, response);
    }

    @GetMapping(ROOT + "/rls/{code}")
    String localNetwork(@PathVariable String code, FilterForm form, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, Model model, Locale locale, HttpServletResponse response) {
        return area(Area.Level.LOCAL_NETWORK, code, form, sort, dir, null, model, locale, response);
    }

    @GetMapping(ROOT + "/cliniques/{id}")
    String clinic(@PathVariable String id, FilterForm form, Model model, Locale locale, HttpServletResponse response) {
        return area(Area.Level.CLINIC, id, form, null, null, null, model, locale, response);
    }

    private String area(Area.Level level, String code, FilterForm typed, String sort, String dir, String indicatorParam, Model model,
            Locale locale, HttpServletResponse response) {
        FilterForm form = FilterForm.orEmpty(typed);
        Numbers numbers = new Numbers(locale);
        model.addAttribute("numbers", numbers);
        model.addAttribute("form", form);
        model.addAttribute("level", level.name());
        model.addAttribute("action", path(level, code));
        model.addAttribute("services", services(serviceTypes, locale));
        model.addAttribute("professions", professions(locale));
        Map<String, String> state = new LinkedHashMap<>();
        state.put("sort", sort);
        state.put("dir", dir);
        state.put("indicator", indicatorParam);
        model.addAttribute("langHref", form.otherLanguage(path(level, code), state, locale));
        ObservatoryFilter filter;
        try {
            filter = check.valid(form.asked(level, code));
        } catch (ProblemException refused) {
            Shown.refuse(refused, messages, locale, model, response);
            model.addAttribute("crumbs", List.of(new Crumb(text("obs.title", locale), level == Area.Level.PROVINCE ? null : ROOT)));
            model.addAttribute("title", text("obs.title", locale));
            return "observatory/area";
        }
        model.addAttribute("form", form.shown(filter));
        List<Crumb> crumbs = crumbs(level, code, form, locale);
        model.addAttribute("crumbs", crumbs);
        model.addAttribute("title", crumbs.getLast().label());
        Breakdown breakdown = queries.breakdown(filter);
        // Published as the API publishes them: the total and its parts protected together (SmallCells).
        List<SmallCells.Shown> shown = SmallCells.protect(breakdown.total().figures(), breakdown.parts().stream().map(AreaFigures::figures).toList());
        KeyFigures total = KeyFigures.of(shown.getFirst(), breakdown.total().thirdNextMedianMinutes());
        boolean clinic = level == Area.Level.CLINIC;
        model.addAttribute("total", total);
        model.addAttribute("cards", cards(total, numbers, clinic, locale));
        model.addAttribute("period", period(filter, numbers, locale));

        if (!clinic) {
            KeyFigures.SortKey key = KeyFigures.SortKey.of(sort);
            boolean descending = "desc".equals(dir);
            List<PartRow> parts = new ArrayList<>();
            for (int i = 0; i < breakdown.parts().size(); i++) {
                AreaFigures part = breakdown.parts().get(i);
                parts.add(new PartRow(part.area().code(), part.area().name(), path(part.area().level(), part.area().code()) + form.query(),
                        KeyFigures.of(shown.get(i + 1), part.thirdNextMedianMinutes())));
            }
            model.addAttribute("parts", sorted(parts, key, descending, locale));
            model.addAttribute("partsLevel", level == Area.Level.PROVINCE ? "REGION" : level == Area.Level.REGION ? "LOCAL_NETWORK" : "CLINIC");
            model.addAttribute("access", new Charts(messages, locale, numbers).access(breakdown.parts().stream()
                    .sorted(Comparator.comparing((AreaFigures p) -> p.area().level() == Area.Level.CLINIC ? p.area().name() : p.area().code()))
                    .toList()));
            model.addAttribute("headings", headings(level, code, form, key, descending, level != Area.Level.LOCAL_NETWORK, locale));
            if (level == Area.Level.PROVINCE) {
                Indicator indicator = Indicator.of(indicatorParam);
                model.addAttribute("indicator", indicator.param());
                model.addAttribute("indicators", Arrays.stream(Indicator.values())
                        .map(i -> new Option(i.param(), text("obs.indicator." + i.param(), locale))).toList());
                model.addAttribute("tiles", tiles(parts, indicator, numbers));
                List<String> ranges = indicator.ranges(numbers, text("obs.legend.to", locale));
                List<LegendEntry> legend = new ArrayList<>();
                for (int n = 1; n <= 4; n++) {
                    legend.add(new LegendEntry(n, Indicator.marks(n), ranges.get(n - 1)));
                }
                model.addAttribute("legend", legend);
                fairness(filter, model);
            }
        }

        Charts charts = new Charts(messages, locale, numbers);
        List<DayFigures> series = queries.series(filter);
        List<Chart> daily = new ArrayList<>(List.of(charts.supply(series), charts.bookings(series)));
        if (!clinic) {
            daily.add(charts.searches(series));
            daily.add(charts.waitlist(series));
        }
        model.addAttribute("daily", daily);
        SmallCells.Shown f = shown.getFirst();
        model.addAttribute("distributions", List.of(charts.waits(f), charts.leads(f), charts.modalities(f), charts.channels(f), charts.stages(f),
                charts.cancellations(f)));
        model.addAttribute("exports", exports(filter, locale));
        return "observatory/area";
    }

    @GetMapping(ROOT + "/qualite")
    String quality(FilterForm typed, Model model, Locale locale, HttpServletResponse response) {
        FilterForm form = FilterForm.orEmpty(typed);
        form = new FilterForm(form.from(), form.to(), "", "");
        Numbers numbers = new Numbers(locale);
        model.addAttribute("numbers", numbers);
        model.addAttribute("form", form);
        model.addAttribute("langHref", form.otherLanguage(ROOT + "/qualite", Map.of(), locale));
        model.addAttribute("crumbs", List.of(new Crumb(text("obs.title", locale), ROOT + form.query()), new Crumb(text("obs.quality.title", locale), null)));
        ObservatoryFilter filter;
        try {
            filter = check.valid(FilterCheck.Asked.dates(form.from(), form.to()));
        } catch (ProblemException refused) {
            Shown.refuse(refused, messages, locale, model, response);
            return "observatory/quality";
        }
        model.addAttribute("form", form.shown(filter));
        model.addAttribute("period", period(filter, numbers, locale));
        // Lags and quarantine count no one: never suppressed.
        List<ObservatoryQueries.SourceQuality> sources = queries.quality(filter.from(), filter.to());
        model.addAttribute("sources", sources);
        model.addAttribute("quarantine", queries.quarantine(filter.from(), filter.to()));
        Charts charts = new Charts(messages, locale, numbers);
        List<String> names = sources.stream().map(ObservatoryQueries.SourceQuality::source).toList();
        model.addAttribute("quarantineChart", charts.bars("chart-quarantine", "quarantine",
                charts.counted(names, names, sources.stream().map(ObservatoryQueries.SourceQuality::quarantined).toList())));
        model.addAttribute("exports", List.of(new Export(text("obs.export.quality.csv", locale), Exports.of(Dataset.QUALITY, filter, "csv")),
                new Export(text("obs.export.quality.json", locale), Exports.of(Dataset.QUALITY, filter, "json")),
                new Export(text("obs.export.fairness.csv", locale), Exports.of(Dataset.FAIRNESS, filter, "csv"))));
        return "observatory/quality";
    }

    /** One dataset of the dictionary: its columns in export order. */
    record DatasetColumns(String dataset, List<Dictionary.Column> columns) {
    }

    @GetMapping(ROOT + "/dictionnaire")
    String dictionary(Model model, Locale locale) {
        model.addAttribute("datasets", Arrays.stream(Dataset.values()).map(d -> new DatasetColumns(d.name(), Dictionary.columns(d))).toList());
        model.addAttribute("locale", locale);
        model.addAttribute("rule", "en".equals(locale.getLanguage()) ? SmallCells.RULE_EN : SmallCells.RULE_FR);
        model.addAttribute("crumbs", List.of(new Crumb(text("obs.title", locale), ROOT), new Crumb(text("obs.dictionary.title", locale), null)));
        model.addAttribute("dictionaryJson", Exports.dictionary());
        return "observatory/dictionary";
    }

    // ---- pieces

    /** The breadcrumbs of an area the check found (so the directory knows it and its parents). */
    private List<Crumb> crumbs(Area.Level level, String code, FilterForm form, Locale locale) {
        String query = form.query();
        List<Crumb> crumbs = new ArrayList<>();
        crumbs.add(new Crumb(text("obs.title", locale), level == Area.Level.PROVINCE ? null : ROOT + query));
        Optional<LocalNetworkCode> network = switch (level) {
            case PROVINCE, REGION -> Optional.empty();
            case LOCAL_NETWORK -> Optional.of(new LocalNetworkCode(code));
            case CLINIC -> directory.clinic(new ClinicId(UUID.fromString(code))).map(Clinic::localNetwork);
        };
        Optional<RegionCode> region = level == Area.Level.REGION ? Optional.of(new RegionCode(code)) : network.map(LocalNetworkCode::region);
        region.flatMap(directory::region).ifPresent(r -> crumbs.add(new Crumb(r.name(),
                level == Area.Level.REGION ? null : path(Area.Level.REGION, r.code().value()) + query)));
        network.flatMap(directory::localNetwork).ifPresent(n -> crumbs.add(new Crumb(n.name(),
                level == Area.Level.LOCAL_NETWORK ? null : path(Area.Level.LOCAL_NETWORK, n.code().value()) + query)));
        if (level == Area.Level.CLINIC) {
            directory.clinic(new ClinicId(UUID.fromString(code))).ifPresent(c -> crumbs.add(new Crumb(c.name(), null)));
        }
        return crumbs;
    }

    static String path(Area.Level level, String code) {
        return switch (level) {
            case PROVINCE -> ROOT;
            case REGION -> ROOT + "/regions/" + code;
            case LOCAL_NETWORK -> ROOT + "/rls/" + code;
            case CLINIC -> ROOT + "/cliniques/" + code;
        };
    }

    /** Regions and networks by code, clinics by name; or by a figure, the empty ones last. */
    private static List<PartRow> sorted(List<PartRow> rows, KeyFigures.SortKey key, boolean descending, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        Comparator<PartRow> byName = rows.stream().anyMatch(r -> r.code().length() > 4)
                ? Comparator.comparing(PartRow::name, collator) : Comparator.comparing(PartRow::code);
        Comparator<PartRow> order = key == KeyFigures.SortKey.NAME ? (descending ? byName.reversed() : byName)
                : Comparator.comparing(PartRow::figures, key.order(descending)).thenComparing(byName);
        return rows.stream().sorted(order).toList();
    }

    private List<SortHeading> headings(Area.Level level, String code, FilterForm form, KeyFigures.SortKey current, boolean descending,
            boolean demand, Locale locale) {
        List<SortHeading> headings = new ArrayList<>();
        for (KeyFigures.SortKey key : KeyFigures.SortKey.values()) {
            if (!demand && (key == KeyFigures.SortKey.UNMET || key == KeyFigures.SortKey.UNMET_SHARE)) {
                continue;
            }
            boolean sorted = key == current;
            // A first click sorts names A to Z and figures largest first; a second click the other way.
            boolean nextDescending = sorted ? !descending : key != KeyFigures.SortKey.NAME;
            String href = path(level, code) + form.query(Map.of("sort", key.param(), "dir", nextDescending ? "desc" : "asc"));
            headings.add(new SortHeading(key.param(), text("obs.col." + key.param(), locale), href,
                    sorted ? (descending ? "descending" : "ascending") : null));
        }
        return headings;
    }

    private static List<Tile> tiles(List<PartRow> regions, Indicator indicator, Numbers numbers) {
        List<Tile> tiles = new ArrayList<>();
        for (PartRow region : regions) {
            int level = indicator.level(region.figures());
            RegionGrid.Place place = RegionGrid.of(region.code());
            tiles.add(new Tile(region.code(), region.name(), region.href(), region.figures(), level, Indicator.marks(level),
                    indicator.shown(indicator.value(region.figures()), numbers), place.column(), place.row()));
        }
        tiles.sort(Comparator.comparing(Tile::code));
        return tiles;
    }

    private List<Card> cards(KeyFigures k, Numbers n, boolean clinic, Locale locale) {
        List<Card> cards = new ArrayList<>(List.of(
                new Card(text("obs.card.offered", locale), n.count(k.offered())),
                new Card(text("obs.card.fill", locale), n.percent(k.fillRate())),
                new Card(text("obs.card.unused", locale), n.count(k.unused())),
                new Card(text("obs.card.booked", locale), n.count(k.booked())),
                new Card(text("obs.card.wait", locale), n.days(k.meanWaitDays())),
                new Card(text("obs.card.no-shows", locale), n.count(k.noShows()) + " (" + n.percent(k.noShowRate()) + ")"),
                new Card(text("obs.card.orphans", locale), n.percent(k.orphanShare())),
                new Card(text(clinic ? "obs.card.third-next.clinic" : "obs.card.third-next", locale), n.days(k.thirdNextDays()))));
        if (!clinic) {
            cards.add(new Card(text("obs.card.unmet", locale), n.count(k.unmet()) + " / " + n.count(k.searches()) + " (" + n.percent(k.unmetShare()) + ")"));
        }
        return cards;
    }

    /** Flags per signal and kind of actor, as the API publishes them (a count from 1 to 4 suppressed); no totals, which would give them back. */
    private void fairness(ObservatoryFilter filter, Model model) {
        List<FlagCount> flags = queries.fairness(filter.from(), filter.to());
        List<String> kinds = flags.stream().map(FlagCount::actorKind).distinct().sorted().toList();
        List<String> signals = new ArrayList<>(Arrays.stream(Signal.values()).map(Signal::name).toList());
        flags.stream().map(FlagCount::signal).filter(s -> !signals.contains(s)).distinct().forEach(signals::add);
        List<FlagRow> rows = new ArrayList<>();
        for (String signal : signals) {
            rows.add(new FlagRow(signal, kinds.stream().map(kind -> SmallCells.count(flags.stream()
                    .filter(f -> f.signal().equals(signal) && f.actorKind().equals(kind)).mapToLong(FlagCount::flags).sum())).toList()));
        }
        model.addAttribute("flagKinds", kinds);
        model.addAttribute("flagRows", rows);
        model.addAttribute("flagsRaised", !flags.isEmpty());
    }

    private List<Export> exports(ObservatoryFilter filter, Locale locale) {
        List<Export> exports = new ArrayList<>(List.of(new Export(text("obs.export.supply.csv", locale), Exports.of(Dataset.SUPPLY, filter, "csv")),
                new Export(text("obs.export.supply.json", locale), Exports.of(Dataset.SUPPLY, filter, "json"))));
        if (filter.level() != Area.Level.CLINIC) {
            exports.add(new Export(text("obs.export.demand.csv", locale), Exports.of(Dataset.DEMAND, filter, "csv")));
        }
        exports.add(new Export(text("obs.export.access.csv", locale), Exports.of(Dataset.ACCESS, filter, "csv")));
        return exports;
    }

    static List<Option> services(ServiceTypes serviceTypes, Locale locale) {
        Language language = Languages.of(locale);
        Collator collator = Collator.getInstance(locale);
        return serviceTypes.all().stream().map(t -> new Option(t.code().value(), t.name(language)))
                .sorted(Comparator.comparing(Option::label, collator)).toList();
    }

    static List<Option> professions(Locale locale) {
        Language language = Languages.of(locale);
        return Arrays.stream(Profession.values()).map(p -> new Option(p.name(), p.name(language))).toList();
    }

    /** "Du 3 février au 2 mars 2026 · Consultation · Médecin de famille": what the figures are for. */
    private String period(ObservatoryFilter filter, Numbers numbers, Locale locale) {
        Language language = Languages.of(locale);
        StringBuilder text = new StringBuilder(text("obs.period", locale, numbers.date(filter.from()), numbers.date(filter.to())));
        filter.service().ifPresent(s -> text.append(" · ").append(serviceTypes.find(s.value()).map(t -> t.name(language)).orElse(s.value())));
        filter.profession().ifPresent(p -> text.append(" · ").append(p.name(language)));
        return text.toString();
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
