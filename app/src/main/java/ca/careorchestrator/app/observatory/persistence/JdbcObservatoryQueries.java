package ca.careorchestrator.app.observatory.persistence;

import ca.careorchestrator.app.directory.ClinicQuery;
import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.directory.Page;
import ca.careorchestrator.app.directory.PageRequest;
import ca.careorchestrator.app.directory.RegionOverview;
import ca.careorchestrator.app.observatory.Area;
import ca.careorchestrator.app.observatory.Dataset;
import ca.careorchestrator.app.observatory.Figures;
import ca.careorchestrator.app.observatory.Measure;
import ca.careorchestrator.app.observatory.Median;
import ca.careorchestrator.app.observatory.ObservatoryFilter;
import ca.careorchestrator.app.observatory.ObservatoryQueries;
import ca.careorchestrator.core.care.Clinic;
import ca.careorchestrator.core.care.ClinicId;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.geo.LocalNetwork;
import ca.careorchestrator.core.geo.LocalNetworkCode;
import ca.careorchestrator.core.geo.RegionCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The observatory's read side over its rollups. Province and region totals read the per-region rows
 * ({@code observatory_area_day}, level RSS), a local network its RLS rows, a clinic its own rows: a total never sums
 * clinic rows across networks. Names and the areas to list (with zeros when they have no rows) come from the directory.
 */
@Repository
class JdbcObservatoryQueries implements ObservatoryQueries {

    static final String PROVINCE_NAME = "Québec";
    private static final List<Measure> SUPPLY = Measure.of(Dataset.SUPPLY);
    private static final List<Measure> DEMAND = Measure.of(Dataset.DEMAND);
    private static final String SUPPLY_SUMS = RollupColumns.list(Dataset.SUPPLY, "coalesce(sum(#), 0) as #");
    private static final String DEMAND_SUMS = RollupColumns.list(Dataset.DEMAND, "coalesce(sum(#), 0) as #");
    private static final String SUPPLY_COLUMNS = RollupColumns.SUPPLY;
    private static final String DEMAND_COLUMNS = RollupColumns.DEMAND;

    /** What a total or a grouping sums: supply (clinic and area tables, by profession too) or demand. */
    private record Read(boolean byProfession, String columns, String sums, List<Measure> measures) {

        /** The filter's service and profession as conditions (none when not asked), plain enough for the planner's indexes. */
        String filter(Map<String, Object> params) {
            String service = "".equals(params.get("service")) ? "1 = 1" : "service_type = :service";
            return byProfession && !"".equals(params.get("profession")) ? service + " and profession = :profession" : service;
        }

        /** The days asked and the filter, as one condition on day rows. */
        String days(Map<String, Object> params) {
            return "day between :from and :to and " + filter(params);
        }
    }

    private static final Read SUPPLY_READ = new Read(true, SUPPLY_COLUMNS, SUPPLY_SUMS, SUPPLY);
    private static final Read DEMAND_READ = new Read(false, DEMAND_COLUMNS, DEMAND_SUMS, DEMAND);
    /** Rows an export holds in memory at a time (PostgreSQL reads through a cursor inside a transaction). */
    private static final int FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final Directory directory;
    private final MonthSums months;

    JdbcObservatoryQueries(JdbcClient jdbc, DataSource dataSource, Directory directory, MonthSums months) {
        this.jdbc = jdbc;
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(FETCH_SIZE);
        this.streaming = JdbcClient.create(cursor);
        this.directory = directory;
        this.months = months;
    }


    // ---- where a filter's figures are

    /** The rows of one table that hold a filter's figures, and their parameters. */
    private record Scope(String table, String where, Map<String, Object> params) {

        String sql(String select, String days, String groupBy) {
            return "select " + select + " from " + table + " where " + where + " and " + days + groupBy;
        }
    }

    private static Map<String, Object> params(ObservatoryFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", filter.from());
        params.put("to", filter.to());
        params.put("service", filter.service().map(ServiceTypeCode::value).orElse(""));
        params.put("profession", filter.profession().map(Profession::name).orElse(""));
        return params;
    }

    private static Map<String, Object> params(ObservatoryFilter filter, String name, Object value) {
        Map<String, Object> params = params(filter);
        params.put(name, value);
        return params;
    }

    private static UUID clinicOf(ObservatoryFilter filter) {
        return UUID.fromString(filter.code());
    }

    /** Supply of the filter's area: RSS rows for the province and a region, RLS rows for a network, a clinic's own rows. */
    private static Scope supply(ObservatoryFilter filter) {
        return switch (filter.level()) {
            case PROVINCE -> new Scope("observatory_area_day", "level = 'RSS'", params(filter));
            case REGION -> new Scope("observatory_area_day", "level = 'RSS' and area_code = :area", params(filter, "area", filter.code()));
            case LOCAL_NETWORK -> new Scope("observatory_area_day", "level = 'RLS' and area_code = :area", params(filter, "area", filter.code()));
            case CLINIC -> new Scope("observatory_clinic_day", "clinic_id = :clinic", params(filter, "clinic", clinicOf(filter)));
        };
    }

    /** Demand of the filter's area; none for a clinic (searches and care requests name an area, never a clinic). */
    private static Optional<Scope> demand(ObservatoryFilter filter) {
        return switch (filter.level()) {
            case PROVINCE -> Optional.of(new Scope("observatory_demand_day", "1 = 1", params(filter)));
            case REGION -> Optional.of(new Scope("observatory_demand_day", "region_code = :area", params(filter, "area", filter.code())));
            case LOCAL_NETWORK -> Optional.of(new Scope("observatory_demand_day", "local_network_code = :area",
                    params(filter, "area", filter.code())));
            case CLINIC -> Optional.empty();
        };
    }

    /** Access rows (no service, no profession: the measure is of any service) of the filter's area. */
    private static Scope access(ObservatoryFilter filter) {
        return switch (filter.level()) {
            case PROVINCE -> new Scope("observatory_access_day", "1 = 1", params(filter));
            case REGION -> new Scope("observatory_access_day", "region_code = :area", params(filter, "area", filter.code()));
            case LOCAL_NETWORK -> new Scope("observatory_access_day", "local_network_code = :area", params(filter, "area", filter.code()));
            case CLINIC -> new Scope("observatory_access_day", "clinic_id = :clinic", params(filter, "clinic", clinicOf(filter)));
        };
    }

    private static Figures figures(ResultSet rs, List<Measure> measures) throws SQLException {
        Map<Measure, Long> values = new EnumMap<>(Measure.class);
        for (Measure measure : measures) {
            values.put(measure, rs.getLong(measure.column()));
        }
        return new Figures(values);
    }

    private static Figures both(Figures supply, Figures demand) {
        Map<Measure, Long> values = new EnumMap<>(Measure.class);
        values.putAll(supply.values());
        values.putAll(demand.values());
        return new Figures(values);
    }

    private static final Figures NONE = new Figures(Map.of());

    private Figures total(Scope scope, Read read) {
        Map<String, Object> params = withMonths(scope);
        return jdbc.sql(summed(scope, read, null, params)).params(params).query((rs, n) -> figures(rs, read.measures())).single();
    }

    /** Figures per value of {@code key} (a column of the scope's table). */
    private Map<String, Figures> grouped(Scope scope, Read read, String key) {
        Map<String, Figures> byKey = new HashMap<>();
        Map<String, Object> params = withMonths(scope);
        jdbc.sql(summed(scope, read, key, params)).params(params).query(rs -> {
            byKey.put(key(rs.getObject("k")), figures(rs, read.measures()));
        });
        return byKey;
    }

    /** Figures per day (the month sums have none). */
    private Map<String, Figures> daily(Scope scope, Read read) {
        Map<String, Figures> byDay = new HashMap<>();
        jdbc.sql(scope.sql("day as k, " + read.sums(), read.days(scope.params()), " group by day"))
                .params(scope.params())
                .query(rs -> {
                    byDay.put(key(rs.getObject("k")), figures(rs, read.measures()));
                });
        return byDay;
    }

    /**
     * The SQL of a total ({@code key} null) or a grouping: the day rows of the days asked, but for the whole months among
     * them that are summed (MonthSums), whose month rows are read instead: a year of the province reads a tenth of the
     * rows. The months' run is bound as {@code :monthsFrom}, {@code :monthsTo} and {@code :monthsEnd} ({@link #withMonths(Scope)}).
     */
    private String summed(Scope scope, Read read, String key, Map<String, Object> params) {
        String keyColumn = key == null ? "" : key + " as k, ";
        String groupBy = key == null ? "" : " group by " + key;
        if (params.get("monthsFrom") == null) {
            return scope.sql(keyColumn + read.sums(), read.days(params), groupBy);
        }
        String keep = key == null ? "" : key + ", ";
        return "select " + keyColumn + read.sums() + " from ("
                + "select " + keep + read.columns() + " from " + scope.table() + " where " + scope.where()
                + " and day between :from and :to and (day < :monthsFrom or day > :monthsEnd) and " + read.filter(params)
                + " union all select " + keep + read.columns() + " from " + scope.table().replace("_day", "_month") + " where " + scope.where()
                + " and month between :monthsFrom and :monthsTo and " + read.filter(params) + ") summed" + groupBy;
    }

    /**
     * The scope's parameters with the run of whole months of the days asked whose sums are written (the longest run of
     * them; none when there is none): {@code monthsFrom} its first day, {@code monthsTo} its last month's first day (the month
     * rows' key), {@code monthsEnd} its last day.
     */
    private Map<String, Object> withMonths(Scope scope) {
        Map<String, Object> params = new HashMap<>(scope.params());
        LocalDate from = (LocalDate) params.get("from");
        LocalDate to = (LocalDate) params.get("to");
        YearMonth first = from.getDayOfMonth() == 1 ? YearMonth.from(from) : YearMonth.from(from).plusMonths(1);
        YearMonth last = to.equals(to.withDayOfMonth(to.lengthOfMonth())) ? YearMonth.from(to) : YearMonth.from(to).minusMonths(1);
        List<YearMonth> written = first.isAfter(last) ? List.of() : months.written(first, last);
        YearMonth runFrom = null;
        YearMonth runTo = null;
        YearMonth start = null;
        YearMonth previous = null;
        for (YearMonth month : written) {
            start = previous != null && month.equals(previous.plusMonths(1)) ? start : month;
            previous = month;
            if (runFrom == null || start.until(month, ChronoUnit.MONTHS) > runFrom.until(runTo, ChronoUnit.MONTHS)) {
                runFrom = start;
                runTo = month;
            }
        }
        params.put("monthsFrom", runFrom == null ? null : runFrom.atDay(1));
        params.put("monthsTo", runTo == null ? null : runTo.atDay(1));
        params.put("monthsEnd", runTo == null ? null : runTo.atEndOfMonth());
        return params;
    }

    private static String key(Object value) {
        return String.valueOf(value).strip();
    }

    // ---- breakdown and series

    @Override
    public Breakdown breakdown(ObservatoryFilter filter) {
        Area area = area(filter);
        if (filter.level() == Area.Level.CLINIC) {
            List<ClinicAccess> access = latestAccess(access(filter), 1);
            return new Breakdown(new AreaFigures(area, total(supply(filter), SUPPLY_READ),
                    Median.ofMinutes(access.stream().map(ClinicAccess::minutes).toList())), List.of());
        }
        Parts parts = partsOf(filter);
        // The total is the sum of the rows its parts are read from, read once: a region's RSS row is the sum of its RLS rows,
        // a network's RLS row the sum of its clinics' rows (both written from the clinic rows), and a region's demand
        // includes its searches by region alone (network '').
        Figures demand = filter.level() == Area.Level.LOCAL_NETWORK
                ? total(demand(filter).orElseThrow(), DEMAND_READ) : sum(parts.demand().values(), DEMAND);
        Figures total = both(sum(parts.supply().values(), SUPPLY), demand);
        List<ClinicAccess> access = latestAccess(access(filter), parts.clinics());
        AreaFigures whole = new AreaFigures(area, total, Median.ofMinutes(access.stream().map(ClinicAccess::minutes).toList()));
        return new Breakdown(whole, parts(parts, access));
    }

    private static Figures sum(Iterable<Figures> figures, List<Measure> measures) {
        Map<Measure, Long> values = new EnumMap<>(Measure.class);
        for (Measure measure : measures) {
            values.put(measure, 0L);
        }
        for (Figures each : figures) {
            for (Measure measure : measures) {
                values.merge(measure, each.get(measure), Long::sum);
            }
        }
        return new Figures(values);
    }

    /**
     * The parts of an area: the areas the directory lists in it, their figures by code, how many clinics the area has,
     * and which part a clinic's access measure belongs to.
     */
    private record Parts(Area.Level level, List<Area> listed, Map<String, Figures> supply, Map<String, Figures> demand, int clinics,
            Function<ClinicAccess, String> partOf) {
    }

    private Parts partsOf(ObservatoryFilter filter) {
        return switch (filter.level()) {
            case PROVINCE -> {
                List<RegionOverview> regions = directory.regions();
                yield new Parts(Area.Level.REGION, regions.stream().map(RegionOverview::region)
                        .map(r -> new Area(Area.Level.REGION, r.code().value(), r.name())).toList(),
                        grouped(supply(filter), SUPPLY_READ, "area_code"),
                        grouped(demand(filter).orElseThrow(), DEMAND_READ, "region_code"),
                        regions.stream().mapToInt(RegionOverview::clinics).sum(), ClinicAccess::region);
            }
            case REGION -> new Parts(Area.Level.LOCAL_NETWORK, directory.localNetworks(new RegionCode(filter.code())).stream()
                    .map(n -> new Area(Area.Level.LOCAL_NETWORK, n.code().value(), n.name())).toList(),
                    grouped(new Scope("observatory_area_day", "level = 'RLS' and region_code = :area", params(filter, "area", filter.code())),
                            SUPPLY_READ, "area_code"),
                    // A search by region alone names no network (''): in the region's total, in none of its networks.
                    grouped(new Scope("observatory_demand_day", "region_code = :area", params(filter, "area", filter.code())), DEMAND_READ,
                            "local_network_code"),
                    directory.regions().stream().filter(r -> r.region().code().value().equals(filter.code()))
                            .mapToInt(RegionOverview::clinics).sum(), ClinicAccess::network);
            case LOCAL_NETWORK -> {
                List<Clinic> clinics = clinics(Optional.empty(), Optional.of(new LocalNetworkCode(filter.code())));
                yield new Parts(Area.Level.CLINIC, clinics.stream().map(JdbcObservatoryQueries::area).toList(),
                        grouped(new Scope("observatory_clinic_day", "local_network_code = :area", params(filter, "area", filter.code())),
                                SUPPLY_READ, "clinic_id"),
                        Map.of(), clinics.size(), ClinicAccess::clinic);
            }
            case CLINIC -> throw new IllegalArgumentException("a clinic has no parts");
        };
    }

    private static List<AreaFigures> parts(Parts parts, List<ClinicAccess> access) {
        Map<String, List<OptionalInt>> minutes = access.stream()
                .collect(Collectors.groupingBy(parts.partOf(), Collectors.mapping(ClinicAccess::minutes, Collectors.toList())));
        // The areas the directory lists (zeros when they have no rows), then any the rows name that it no longer does.
        Map<String, Area> areas = new LinkedHashMap<>();
        parts.listed().forEach(a -> areas.put(a.code(), a));
        parts.supply().keySet().stream().sorted().filter(code -> !areas.containsKey(code))
                .forEach(code -> areas.put(code, new Area(parts.level(), code, code)));
        List<AreaFigures> figures = new ArrayList<>();
        for (Area part : areas.values()) {
            figures.add(new AreaFigures(part, both(parts.supply().getOrDefault(part.code(), NONE), parts.demand().getOrDefault(part.code(), NONE)),
                    Median.ofMinutes(minutes.getOrDefault(part.code(), List.of()))));
        }
        return figures;
    }

    @Override
    public List<DayFigures> series(ObservatoryFilter filter) {
        Scope supplyScope = supply(filter);
        Map<String, Figures> supply = daily(supplyScope, SUPPLY_READ);
        Map<String, Figures> demand = demand(filter).map(d -> daily(d, DEMAND_READ)).orElse(Map.of());
        List<DayFigures> days = new ArrayList<>();
        for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
            String key = day.toString();
            days.add(new DayFigures(day, both(supply.getOrDefault(key, NONE), demand.getOrDefault(key, NONE))));
        }
        return days;
    }

    // ---- third next available appointment

    /** A clinic's last measure in the days asked (empty: fewer than three free slots ahead). */
    private record ClinicAccess(String clinic, String region, String network, OptionalInt minutes) {
    }

    private static OptionalInt minutes(ResultSet rs) throws SQLException {
        int minutes = rs.getInt("third_next_minutes");
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(minutes);
    }

    /**
     * Each clinic's last measure in the days asked. The recorder measures every clinic each day, so the last day measured
     * holds them all as a rule: that day alone is read (an index range) when it has a row for each of the area's
     * {@code clinics}; otherwise every day asked is (a clinic missing that day keeps its last measure before it).
     */
    private List<ClinicAccess> latestAccess(Scope scope, int clinics) {
        List<LocalDate> last = jdbc.sql("select max(day) from %s where %s and day between :from and :to".formatted(scope.table(), scope.where()))
                .params(scope.params())
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list();
        if (last.isEmpty() || last.get(0) == null) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("last", last.get(0));
        List<ClinicAccess> lastDay = jdbc.sql("""
                        select clinic_id, region_code, local_network_code, third_next_minutes from %s where %s and day = :last"""
                        .formatted(scope.table(), scope.where()))
                .params(params)
                .query(JdbcObservatoryQueries::clinicAccess)
                .list();
        if (lastDay.size() >= clinics) {
            return lastDay;
        }
        return jdbc.sql("""
                        select a.clinic_id, a.region_code, a.local_network_code, a.third_next_minutes
                        from observatory_access_day a
                        join (select clinic_id, max(day) as last_day from %s where %s and day between :from and :to group by clinic_id) l
                          on l.clinic_id = a.clinic_id and l.last_day = a.day""".formatted(scope.table(), scope.where()))
                .params(scope.params())
                .query(JdbcObservatoryQueries::clinicAccess)
                .list();
    }

    private static ClinicAccess clinicAccess(ResultSet rs, int row) throws SQLException {
        return new ClinicAccess(key(rs.getObject("clinic_id")), key(rs.getString("region_code")), key(rs.getString("local_network_code")),
                minutes(rs));
    }

    // ---- a clinic against its region

    @Override
    public Optional<ClinicComparison> clinic(UUID clinic, ObservatoryFilter filter) {
        Optional<Clinic> found = directory.clinic(new ClinicId(clinic));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RegionCode region = found.get().region();
        ObservatoryFilter regional = new ObservatoryFilter(Area.Level.REGION, region.value(), filter.from(), filter.to(), filter.service(),
                filter.profession());
        Map<String, Figures> supply = grouped(new Scope("observatory_clinic_day", "region_code = :area", params(regional, "area", region.value())),
                SUPPLY_READ, "clinic_id");
        Map<String, OptionalInt> minutes = new HashMap<>();
        List<Clinic> regionClinics = clinics(Optional.of(region), Optional.empty());
        latestAccess(access(regional), regionClinics.size()).forEach(a -> minutes.put(a.clinic(), a.minutes()));
        List<AreaFigures> clinics = new ArrayList<>();
        for (Clinic each : regionClinics) {
            String code = each.id().value().toString();
            // A clinic with no measure in the days asked has no third next available: none, rather than "beyond".
            clinics.add(new AreaFigures(area(each), supply.getOrDefault(code, NONE), minutes.getOrDefault(code, OptionalInt.empty())));
        }
        AreaFigures own = clinics.stream().filter(c -> c.area().code().equals(clinic.toString())).findFirst()
                .orElseGet(() -> new AreaFigures(area(found.get()), supply.getOrDefault(clinic.toString(), NONE),
                        minutes.getOrDefault(clinic.toString(), OptionalInt.empty())));
        Map<Measure, Long> medians = new EnumMap<>(Measure.class);
        for (Measure measure : SUPPLY) {
            medians.put(measure, Median.of(clinics.stream().map(c -> c.figures().get(measure)).toList()));
        }
        OptionalInt thirdNext = Median.ofMinutes(clinics.stream().filter(c -> minutes.containsKey(c.area().code()))
                .map(AreaFigures::thirdNextMedianMinutes).toList());
        String regionName = directory.region(region).map(r -> r.name()).orElse(region.value());
        return Optional.of(new ClinicComparison(own, new AreaFigures(new Area(Area.Level.REGION, region.value(), regionName),
                new Figures(medians), thirdNext), clinics));
    }

    // ---- data quality and fairness

    @Override
    public List<SourceQuality> quality(LocalDate from, LocalDate to) {
        record Lag(long samples, long total, long max) {
        }
        Map<String, Lag> lags = new TreeMap<>();
        jdbc.sql("""
                        select source_system, sum(lag_samples) as samples, sum(lag_seconds_total) as total, max(lag_seconds_max) as most
                        from observatory_source_day where day between :from and :to group by source_system""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    lags.put(rs.getString("source_system"), new Lag(rs.getLong("samples"), rs.getLong("total"), rs.getLong("most")));
                });
        Map<String, Long> quarantined = new TreeMap<>();
        jdbc.sql("select source_system, sum(quarantined) as n from observatory_quarantine_day where day between :from and :to group by source_system")
                .param("from", from).param("to", to)
                .query(rs -> {
                    quarantined.put(rs.getString("source_system"), rs.getLong("n"));
                });
        TreeMap<String, Boolean> sources = new TreeMap<>();
        lags.keySet().forEach(s -> sources.put(s, true));
        quarantined.keySet().forEach(s -> sources.put(s, true));
        List<SourceQuality> rows = new ArrayList<>();
        for (String source : sources.keySet()) {
            Lag lag = lags.getOrDefault(source, new Lag(0, 0, 0));
            OptionalInt mean = lag.samples() == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.round((double) lag.total() / lag.samples()));
            rows.add(new SourceQuality(source, lag.samples(), mean, lag.max(), quarantined.getOrDefault(source, 0L)));
        }
        return rows;
    }

    @Override
    public List<QuarantineCount> quarantine(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select source_system, reason, sum(quarantined) as n from observatory_quarantine_day
                        where day between :from and :to group by source_system, reason order by source_system, reason""")
                .param("from", from).param("to", to)
                .query((rs, n) -> new QuarantineCount(rs.getString("source_system"), rs.getString("reason"), rs.getLong("n")))
                .list();
    }

    @Override
    public List<FlagCount> fairness(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select signal, actor_kind, sum(flags) as n from observatory_fairness_day
                        where day between :from and :to group by signal, actor_kind order by signal, actor_kind""")
                .param("from", from).param("to", to)
                .query((rs, n) -> new FlagCount(rs.getString("signal"), rs.getString("actor_kind"), rs.getLong("n")))
                .list();
    }

    // ---- exports, streamed

    @Override
    @Transactional(readOnly = true)
    public void supplyRows(ObservatoryFilter filter, Area.Level level, Consumer<SupplyRow> rows) {
        if (level.compareTo(filter.level()) < 0 || level == Area.Level.PROVINCE) {
            throw new IllegalArgumentException("rows at " + level + " of a " + filter.level() + " filter");
        }
        Scope scope = switch (level) {
            case REGION -> new Scope("observatory_area_day", "level = 'RSS'" + (filter.level() == Area.Level.REGION ? " and area_code = :area" : ""),
                    params(filter, "area", filter.code()));
            case LOCAL_NETWORK -> new Scope("observatory_area_day", "level = 'RLS'" + switch (filter.level()) {
                case REGION -> " and region_code = :area";
                case LOCAL_NETWORK -> " and area_code = :area";
                default -> "";
            }, params(filter, "area", filter.code()));
            case CLINIC -> switch (filter.level()) {
                case PROVINCE -> new Scope("observatory_clinic_day", "1 = 1", params(filter));
                case REGION -> new Scope("observatory_clinic_day", "region_code = :area", params(filter, "area", filter.code()));
                case LOCAL_NETWORK -> new Scope("observatory_clinic_day", "local_network_code = :area", params(filter, "area", filter.code()));
                case CLINIC -> new Scope("observatory_clinic_day", "clinic_id = :clinic", params(filter, "clinic", clinicOf(filter)));
            };
            case PROVINCE -> throw new IllegalArgumentException("no province rows");
        };
        String key = level == Area.Level.CLINIC ? "clinic_id" : "area_code";
        Names names = new Names(level == Area.Level.CLINIC);
        streaming.sql(scope.sql("day, " + key + " as k, region_code, service_type, profession, " + SUPPLY_COLUMNS, SUPPLY_READ.days(scope.params()),
                        " order by day, " + key + ", service_type, profession"))
                .params(scope.params())
                .query(rs -> {
                    String code = key(rs.getObject("k"));
                    rows.accept(new SupplyRow(rs.getObject("day", LocalDate.class), new Area(level, code, names.of(level, code)),
                            key(rs.getString("region_code")), rs.getString("service_type"), rs.getString("profession"), figures(rs, SUPPLY)));
                });
    }

    @Override
    @Transactional(readOnly = true)
    public void demandRows(ObservatoryFilter filter, Consumer<DemandRow> rows) {
        Scope scope = demand(filter).orElseThrow(() -> new IllegalArgumentException("demand has no clinic"));
        Names names = new Names(false);
        streaming.sql(scope.sql("day, region_code, local_network_code, service_type, " + DEMAND_COLUMNS, DEMAND_READ.days(scope.params()),
                        " order by day, region_code, local_network_code, service_type"))
                .params(scope.params())
                .query(rs -> {
                    String region = key(rs.getString("region_code"));
                    String network = key(rs.getString("local_network_code"));
                    String name = network.isEmpty() ? names.of(Area.Level.REGION, region) : names.of(Area.Level.LOCAL_NETWORK, network);
                    rows.accept(new DemandRow(rs.getObject("day", LocalDate.class), region, network, name, rs.getString("service_type"),
                            figures(rs, DEMAND)));
                });
    }

    @Override
    @Transactional(readOnly = true)
    public void accessRows(ObservatoryFilter filter, Consumer<AccessRow> rows) {
        Scope scope = access(filter);
        Names names = new Names(true);
        streaming.sql("select day, clinic_id, region_code, local_network_code, third_next_minutes, free_ahead, measured_at from "
                        + scope.table() + " where " + scope.where() + " and day between :from and :to order by day, clinic_id")
                .params(scope.params())
                .query(rs -> {
                    String clinic = key(rs.getObject("clinic_id"));
                    OptionalInt third = minutes(rs);
                    rows.accept(new AccessRow(rs.getObject("day", LocalDate.class), new Area(Area.Level.CLINIC, clinic, names.of(Area.Level.CLINIC, clinic)),
                            key(rs.getString("region_code")), key(rs.getString("local_network_code")), third, rs.getInt("free_ahead"),
                            rs.getObject("measured_at", OffsetDateTime.class).toInstant()));
                });
    }

    @Override
    @Transactional(readOnly = true)
    public void qualityRows(LocalDate from, LocalDate to, Consumer<SourceDay> rows) {
        streaming.sql("""
                        select k.day, k.source_system, coalesce(s.lag_samples, 0) as lag_samples, coalesce(s.lag_seconds_total, 0) as lag_total,
                               coalesce(s.lag_seconds_max, 0) as lag_max, coalesce(q.quarantined, 0) as quarantined
                        from (select day, source_system from observatory_source_day where day between :from and :to
                              union
                              select day, source_system from observatory_quarantine_day where day between :from and :to) k
                        left join observatory_source_day s on s.day = k.day and s.source_system = k.source_system
                        left join (select day, source_system, sum(quarantined) as quarantined from observatory_quarantine_day
                                   where day between :from and :to group by day, source_system) q
                          on q.day = k.day and q.source_system = k.source_system
                        order by k.day, k.source_system""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    rows.accept(new SourceDay(rs.getObject("day", LocalDate.class), rs.getString("source_system"), rs.getLong("lag_samples"),
                            rs.getLong("lag_total"), rs.getLong("lag_max"), rs.getLong("quarantined")));
                });
    }

    @Override
    @Transactional(readOnly = true)
    public void fairnessRows(LocalDate from, LocalDate to, Consumer<FlagDay> rows) {
        streaming.sql("""
                        select day, signal, actor_kind, flags from observatory_fairness_day where day between :from and :to
                        order by day, signal, actor_kind""")
                .param("from", from).param("to", to)
                .query(rs -> {
                    rows.accept(new FlagDay(rs.getObject("day", LocalDate.class), rs.getString("signal"), rs.getString("actor_kind"),
                            rs.getLong("flags")));
                });
    }

    // ---- names from the directory

    @Override
    public Area area(ObservatoryFilter filter) {
        return switch (filter.level()) {
            case PROVINCE -> new Area(Area.Level.PROVINCE, Area.PROVINCE_CODE, PROVINCE_NAME);
            case REGION -> new Area(Area.Level.REGION, filter.code(),
                    directory.region(new RegionCode(filter.code())).map(r -> r.name()).orElse(filter.code()));
            case LOCAL_NETWORK -> new Area(Area.Level.LOCAL_NETWORK, filter.code(),
                    directory.localNetwork(new LocalNetworkCode(filter.code())).map(LocalNetwork::name).orElse(filter.code()));
            case CLINIC -> directory.clinic(new ClinicId(clinicOf(filter))).map(JdbcObservatoryQueries::area)
                    .orElse(new Area(Area.Level.CLINIC, filter.code(), filter.code()));
        };
    }

    private static Area area(Clinic clinic) {
        return new Area(Area.Level.CLINIC, clinic.id().value().toString(), clinic.name());
    }

    /** The clinics of a region or network, by name (the directory pages them). */
    private List<Clinic> clinics(Optional<RegionCode> region, Optional<LocalNetworkCode> network) {
        List<Clinic> clinics = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<ca.careorchestrator.app.directory.ClinicListing> listed = directory.clinics(new ClinicQuery(region, network, Optional.empty(),
                    new PageRequest(page, PageRequest.MAX_SIZE)));
            listed.items().forEach(l -> clinics.add(l.clinic()));
            if (page + 1 >= listed.totalPages()) {
                return clinics;
            }
        }
    }

    /** Area names for an export, read once: regions, their networks, and the clinics when the rows are clinics'. */
    private final class Names {

        private final Map<String, String> byCode = new HashMap<>();

        Names(boolean clinics) {
            for (RegionOverview overview : directory.regions()) {
                byCode.put(overview.region().code().value(), overview.region().name());
                for (LocalNetwork network : directory.localNetworks(overview.region().code())) {
                    byCode.put(network.code().value(), network.name());
                }
            }
            if (clinics) {
                directory.allClinics().forEach(c -> byCode.put(c.id().value().toString(), c.name()));
            }
        }

        String of(Area.Level level, String code) {
            return byCode.getOrDefault(code, code);
        }
    }
}
