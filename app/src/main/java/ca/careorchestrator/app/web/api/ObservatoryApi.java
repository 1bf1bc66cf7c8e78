package ca.careorchestrator.app.web.api;

import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Dictionary;
import ca.careorchestrator.app.observatory.FilterCheck;
import ca.careorchestrator.app.observatory.Figures;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.Median;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.app.observatory.ObservatoryQueries.AreaFigures;
import ca.careorchestrator.app.observatory.SmallCells;
import ca.careorchestrator.app.problem.Problem;
import ca.careorchestrator.app.problem.ProblemException;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The observatory's JSON API and open-data exports (issue #7), for ministry analysts; and a clinic's own figures against
 * its region, for its staff. Every count leaves through {@link SmallCells}: from 1 to 4 it is null (empty in CSV).
 */
@RestController
@RequestMapping(produces = "application/json")
@Tag(name = "Observatory", description = "Supply, use, demand, access, data quality and fairness, per day and area (analysts)")
class ObservatoryApi {

    private static final String BASE = "/api/v1/observatory";

    private final FilterCheck check;
    private final ObservatoryQueries queries;
    private final ObservatoryExports exports;

    ObservatoryApi(FilterCheck check, ObservatoryQueries queries) {
        this.check = check;
        this.queries = queries;
        this.exports = new ObservatoryExports(queries);
    }

    record AreaJson(String level, String code, String name) {

        static AreaJson of(Area area) {
            return new AreaJson(area.level().name(), area.code(), area.name());
        }
    }

    /** An area's figures as published: measures by column (null: suppressed), the rates derived from them. */
    record AreaFiguresJson(AreaJson area, Map<String, Long> measures, Double fillRate, Double orphanShare, Double unmetShare,
            Double meanWaitDays, Integer thirdNextMedianMinutes) {

        static AreaFiguresJson of(AreaFigures figures, SmallCells.Shown shown) {
            return new AreaFiguresJson(AreaJson.of(figures.area()), ObservatoryApi.measures(shown), value(shown.fillRate()), value(shown.orphanShare()),
                    value(shown.unmetShare()), value(shown.meanWaitDays()), value(figures.thirdNextMedianMinutes()));
        }
    }

    record FilterJson(LocalDate from, LocalDate to, AreaJson area, String service, String profession) {
    }

    record BreakdownJson(FilterJson filter, AreaFiguresJson total, List<AreaFiguresJson> parts) {
    }

    record DayJson(LocalDate day, Map<String, Long> measures, Double fillRate, Double orphanShare, Double unmetShare, Double meanWaitDays) {
    }

    record SeriesJson(FilterJson filter, List<DayJson> days) {
    }

    record SourceJson(String source, long lagSamples, Integer meanLagSeconds, long maxLagSeconds, long quarantined) {
    }

    record QuarantineJson(String source, String reason, long quarantined) {
    }

    record FlagJson(String signal, String actorKind, Long flags) {
    }

    record ColumnJson(String name, String label, String definition, boolean suppressible) {
    }

    record DatasetJson(String name, String csv, String json, List<ColumnJson> columns) {
    }

    record MeasureJson(String column, String dataset, String label, String definition) {
    }

    record SuppressionJson(int threshold, String rule) {
    }

    record DictionaryJson(SuppressionJson suppression, List<MeasureJson> measures, List<DatasetJson> datasets) {
    }

    private static Map<String, Long> measures(SmallCells.Shown shown) {
        Map<String, Long> measures = new LinkedHashMap<>();
        for (Measure measure : Measure.values()) {
            measures.put(measure.column(), ObservatoryExports.nullable(shown.get(measure)));
        }
        return measures;
    }

    private static Double value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static Integer value(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private ObservatoryFilter filter(String region, String localNetwork, String clinic, String from, String to, String service,
            String profession) {
        return check.valid(new FilterCheck.Asked(region, localNetwork, clinic, from, to, service, profession));
    }

    private static FilterJson echo(ObservatoryFilter filter, Area area) {
        return new FilterJson(filter.from(), filter.to(), AreaJson.of(area), filter.service().map(ServiceTypeCode::value).orElse(null),
                filter.profession().map(Profession::name).orElse(null));
    }

    @GetMapping(BASE + "/breakdown")
    @Operation(summary = "An area's figures and its parts': the province's regions, a region's local networks, a network's clinics")
    BreakdownJson breakdown(
            @Parameter(description = "RSS code (01 to 18); none: the province") @RequestParam(required = false) String region,
            @Parameter(description = "RLS code, e.g. 1111") @RequestParam(required = false) String localNetwork,
            @Parameter(description = "a clinic's id") @RequestParam(required = false) String clinic,
            @Parameter(description = "first Quebec day, YYYY-MM-DD (default: 29 days before to)") @RequestParam(required = false) String from,
            @Parameter(description = "last Quebec day, included (default: today); at most 731 days") @RequestParam(required = false) String to,
            @Parameter(description = "service type code") @RequestParam(required = false) String service,
            @Parameter(description = "profession (PHYSICIAN, NURSE, ...); demand figures have none") @RequestParam(required = false)
            String profession) {
        ObservatoryFilter filter = filter(region, localNetwork, clinic, from, to, service, profession);
        ObservatoryQueries.Breakdown breakdown = queries.breakdown(filter);
        List<SmallCells.Shown> shown = SmallCells.protect(breakdown.total().figures(),
                breakdown.parts().stream().map(AreaFigures::figures).toList());
        List<AreaFiguresJson> parts = new ArrayList<>();
        for (int i = 0; i < breakdown.parts().size(); i++) {
            parts.add(AreaFiguresJson.of(breakdown.parts().get(i), shown.get(i + 1)));
        }
        return new BreakdownJson(echo(filter, breakdown.total().area()), AreaFiguresJson.of(breakdown.total(), shown.get(0)), parts);
    }

    @GetMapping(BASE + "/series")
    @Operation(summary = "An area's figures day by day, days without any included")
    SeriesJson series(@RequestParam(required = false) String region, @RequestParam(required = false) String localNetwork,
            @RequestParam(required = false) String clinic, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String service,
            @RequestParam(required = false) String profession) {
        ObservatoryFilter filter = filter(region, localNetwork, clinic, from, to, service, profession);
        List<DayJson> days = queries.series(filter).stream().map(d -> {
            SmallCells.Shown shown = SmallCells.protect(d.figures());
            return new DayJson(d.day(), measures(shown), value(shown.fillRate()), value(shown.orphanShare()), value(shown.unmetShare()),
                    value(shown.meanWaitDays()));
        }).toList();
        return new SeriesJson(echo(filter, queries.area(filter)), days);
    }

    @GetMapping(BASE + "/quality")
    @Operation(summary = "Each source's lag and quarantined records over the days (counts of records: not suppressed)")
    List<SourceJson> quality(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ObservatoryFilter filter = check.valid(FilterCheck.Asked.dates(from, to));
        return queries.quality(filter.from(), filter.to()).stream()
                .map(q -> new SourceJson(q.source(), q.lagSamples(), value(q.meanLagSeconds()), q.maxLagSeconds(), q.quarantined())).toList();
    }

    @GetMapping(BASE + "/quarantine")
    @Operation(summary = "Records sent to quarantine over the days, per source and kind of reason")
    List<QuarantineJson> quarantine(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ObservatoryFilter filter = check.valid(FilterCheck.Asked.dates(from, to));
        return queries.quarantine(filter.from(), filter.to()).stream().map(q -> new QuarantineJson(q.source(), q.reason(), q.quarantined()))
                .toList();
    }

    @GetMapping(BASE + "/fairness")
    @Operation(summary = "Hoarding flags raised over the days, per signal and kind of actor (1 to 4: null)")
    List<FlagJson> fairness(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ObservatoryFilter filter = check.valid(FilterCheck.Asked.dates(from, to));
        return queries.fairness(filter.from(), filter.to()).stream()
                .map(f -> new FlagJson(f.signal(), f.actorKind(), ObservatoryExports.nullable(SmallCells.count(f.flags())))).toList();
    }

    @GetMapping(BASE + "/dictionary")
    @Operation(summary = "The data dictionary: every measure and export column, labelled and defined (?lang=en), and the suppression rule")
    DictionaryJson dictionary(Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        List<MeasureJson> measures = java.util.Arrays.stream(Measure.values())
                .map(m -> new MeasureJson(m.column(), name(m.dataset()), m.label(locale), m.definition(locale))).toList();
        List<DatasetJson> datasets = java.util.Arrays.stream(Dataset.values()).map(d -> new DatasetJson(name(d),
                BASE + "/exports/" + name(d) + ".csv", BASE + "/exports/" + name(d) + ".json",
                Dictionary.columns(d).stream().map(c -> new ColumnJson(c.name(), c.label(locale), c.definition(locale), c.suppressible())).toList()))
                .toList();
        return new DictionaryJson(new SuppressionJson(SmallCells.THRESHOLD, english ? SmallCells.RULE_EN : SmallCells.RULE_FR), measures,
                datasets);
    }

    private static String name(Dataset dataset) {
        return dataset.name().toLowerCase(Locale.ROOT);
    }

    // ---- exports

    @GetMapping(path = BASE + "/exports/{dataset}.csv", produces = "text/csv")
    @Operation(summary = "A dataset as CSV (UTF-8, RFC 4180, a header of the dictionary's column names; suppressed cells empty)")
    void csv(@PathVariable String dataset, @Parameter(description = "supply only: REGION, LOCAL_NETWORK or CLINIC rows "
                    + "(region, localNetwork, clinic; default: the parts of the area asked)") @RequestParam(required = false) String level,
            @RequestParam(required = false) String region, @RequestParam(required = false) String localNetwork,
            @RequestParam(required = false) String clinic, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String service,
            @RequestParam(required = false) String profession, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = export(dataset, level, filter(region, localNetwork, clinic, from, to, service, profession), request);
        response.setContentType("text/csv; charset=UTF-8; header=present");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, export.disposition("csv"));
        exports.csv(export.dataset(), export.filter(), export.level(), response.getOutputStream());
    }

    @GetMapping(path = BASE + "/exports/{dataset}.json")
    @Operation(summary = "A dataset as a JSON array of rows named as the dictionary's columns (suppressed cells null)")
    void json(@PathVariable String dataset, @RequestParam(required = false) String level,
            @RequestParam(required = false) String region, @RequestParam(required = false) String localNetwork,
            @RequestParam(required = false) String clinic, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String service,
            @RequestParam(required = false) String profession, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Export export = export(dataset, level, filter(region, localNetwork, clinic, from, to, service, profession), request);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, export.disposition("json"));
        exports.json(export.dataset(), export.filter(), export.level(), response.getOutputStream());
    }

    private record Export(Dataset dataset, ObservatoryFilter filter, Area.Level level) {

        String disposition(String extension) {
            return "attachment; filename=\"observatory-%s-%s-%s.%s\"".formatted(name(dataset), filter.from(), filter.to(), extension);
        }
    }

    private static Export export(String name, String level, ObservatoryFilter filter, HttpServletRequest request) {
        Dataset dataset = java.util.Arrays.stream(Dataset.values()).filter(d -> name(d).equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.NOT_FOUND, request.getRequestURI()));
        if (dataset == Dataset.DEMAND && filter.level() == Area.Level.CLINIC) {
            // Searches and care requests name a place, never a clinic.
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "clinic");
        }
        return new Export(dataset, filter, level(level, filter.level()));
    }

    /** Rows at the level asked, not coarser than the area; by default the area's parts (a clinic's own rows). */
    private static Area.Level level(String raw, Area.Level area) {
        if (raw == null || raw.isBlank()) {
            return switch (area) {
                case PROVINCE -> Area.Level.REGION;
                case REGION -> Area.Level.LOCAL_NETWORK;
                case LOCAL_NETWORK, CLINIC -> Area.Level.CLINIC;
            };
        }
        Function<String, String> flat = s -> s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        Area.Level level = java.util.Arrays.stream(Area.Level.values()).filter(l -> l != Area.Level.PROVINCE)
                .filter(l -> flat.apply(l.name()).equals(flat.apply(raw.strip()))).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.MALFORMED_PARAMETER, "level"));
        if (level.compareTo(area) < 0) {
            throw new ProblemException(Problem.MALFORMED_PARAMETER, "level");
        }
        return level;
    }

    // ---- a clinic against its region

    record RegionMedianJson(AreaJson area, int clinics, Map<String, Long> measures, Double fillRate, Double orphanShare, Double meanWaitDays,
            Integer thirdNextMedianMinutes) {
    }

    static final int MIN_CLINICS_FOR_MEDIAN = 3;

    record ClinicComparisonJson(FilterJson filter, AreaFiguresJson clinic, RegionMedianJson regionMedian) {
    }

    @GetMapping("/api/v1/clinics/{clinicId}/observatory")
    @Operation(summary = "A clinic's figures (suppressed as open data) against the median of its region's clinics (its staff, analysts)")
    ClinicComparisonJson clinic(@PathVariable String clinicId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String service,
            @RequestParam(required = false) String profession) {
        ObservatoryFilter filter = filter(null, null, clinicId, from, to, service, profession);
        ObservatoryQueries.ClinicComparison comparison = queries.clinic(UUID.fromString(filter.code()), filter)
                .orElseThrow(() -> new ProblemException(Problem.UNKNOWN_AREA, clinicId));
        List<Figures> clinics = comparison.regionClinics().stream().map(AreaFigures::figures).toList();
        // With two clinics the median is their mean, and a clinic's staff would subtract their own figures from it: none
        // below three. Medians of counts are counts: from 1 to 4 they are suppressed.
        boolean enough = clinics.size() >= MIN_CLINICS_FOR_MEDIAN;
        Map<String, Long> medians = new LinkedHashMap<>();
        for (Measure measure : Measure.of(Dataset.SUPPLY)) {
            long median = comparison.region().figures().get(measure);
            medians.put(measure.column(), enough && !(measure.isMinutes() || SmallCells.small(median)) ? median : null);
        }
        Function<Function<Figures, OptionalDouble>, Double> medianRate = rate -> enough
                ? value(Median.ofRates(clinics.stream().map(rate).toList())) : null;
        RegionMedianJson region = new RegionMedianJson(AreaJson.of(comparison.region().area()), clinics.size(), medians,
                medianRate.apply(Figures::fillRate), medianRate.apply(Figures::orphanShare), medianRate.apply(Figures::meanWaitDays),
                enough ? value(comparison.region().thirdNextMedianMinutes()) : null);
        return new ClinicComparisonJson(echo(filter, comparison.clinic().area()),
                AreaFiguresJson.of(comparison.clinic(), SmallCells.protect(comparison.clinic().figures())), region);
    }
}
