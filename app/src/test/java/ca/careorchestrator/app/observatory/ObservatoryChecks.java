package ca.careorchestrator.app.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.observatory.ObservatoryQueries.AreaFigures;
import ca.careorchestrator.app.observatory.ObservatoryQueries.Breakdown;
import ca.careorchestrator.app.observatory.ObservatoryQueries.DayFigures;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.Mailbox;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.core.care.Profession;
import ca.careorchestrator.core.geo.RegionCode;
import ca.careorchestrator.core.care.ServiceTypeCode;
import ca.careorchestrator.core.patient.Patient;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Resident;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The observatory's read side on rollup rows with known values (observatory/tiny-rollups.sql: the tiny province in
 * March 2024): totals and parts at every level, days without rows, the median third next available appointment; then
 * the same over real HTTP: small cells suppressed, exports parsed back, every bad input's problem, analysts only. Run on
 * H2 ({@link ObservatoryIT}) and PostgreSQL ({@link PostgresObservatoryIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct", "care.simulation.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObservatoryChecks {

    static final String A = "aa15a1c5-80b7-3fc1-bfa8-d691947ed836";
    static final String B = "3b03884c-9b1b-36e1-ac60-9c191c9ff187";
    static final String C = "d4501a4a-91c8-37f1-a338-ae5da0a1a1e4";
    static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    static final LocalDate LAST = LocalDate.of(2024, 3, 10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Mailbox mailbox;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        mailbox = Mailbox.startFor(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObservatoryQueries queries;
    @Autowired
    Rollups rollups;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void rollupsWritten() {
        Loads.awaitReady(loader);
        new ResourceDatabasePopulator(new ClassPathResource("observatory/tiny-rollups.sql")).execute(dataSource);
        analyst = Caller.staff(port, "analyste");
    }

    @AfterAll
    void stopMailbox() {
        mailbox.close();
    }

    private Caller analyst;

    static ObservatoryFilter filter(Area.Level level, String code) {
        return new ObservatoryFilter(level, code, FIRST, LAST, Optional.empty(), Optional.empty());
    }

    static AreaFigures part(Breakdown breakdown, String code) {
        return breakdown.parts().stream().filter(p -> p.area().code().equals(code)).findFirst().orElseThrow(() -> new AssertionError(code));
    }

    @Test
    void theProvinceIsItsRegionsRowsWithEveryRegionListed() {
        Breakdown province = queries.breakdown(filter(Area.Level.PROVINCE, Area.PROVINCE_CODE));

        assertThat(province.total().area().name()).isEqualTo("Québec");
        assertThat(province.total().figures().get(Measure.PUBLISHED)).isEqualTo(178);
        assertThat(province.total().figures().get(Measure.OFFERED)).isEqualTo(168);
        assertThat(province.total().figures().get(Measure.USED)).isEqualTo(147);
        assertThat(province.total().figures().get(Measure.NO_SHOWS)).isEqualTo(13);
        assertThat(province.total().figures().get(Measure.SEARCHES)).isEqualTo(177);
        assertThat(province.total().figures().get(Measure.SEARCHES_UNMET)).isEqualTo(49);
        assertThat(province.parts()).hasSize(18);
        assertThat(province.parts().get(0).area().code()).isEqualTo("01");
        assertThat(part(province, "11").area().name()).isEqualTo("Gaspésie–Îles-de-la-Madeleine");
        assertThat(part(province, "11").figures().get(Measure.PUBLISHED)).isEqualTo(78);
        assertThat(part(province, "05").figures().get(Measure.PUBLISHED)).isEqualTo(100);
        assertThat(part(province, "06").figures().get(Measure.PUBLISHED)).isZero();
        for (Measure measure : Measure.values()) {
            assertThat(province.parts().stream().mapToLong(p -> p.figures().get(measure)).sum()).as(measure.column())
                    .isEqualTo(province.total().figures().get(measure));
        }
        assertThat(province.total().thirdNextMedianMinutes()).isEqualTo(OptionalInt.of(2880));
        assertThat(part(province, "05").thirdNextMedianMinutes()).isEmpty();
    }

    @Test
    void aRegionIsItsRowAndItsNetworksTheirsWithSearchesByRegionAloneInTheTotalOnly() {
        Breakdown region = queries.breakdown(filter(Area.Level.REGION, "11"));

        var total = region.total().figures();
        assertThat(total.get(Measure.PUBLISHED)).isEqualTo(78);
        assertThat(total.get(Measure.PUBLISHED_IN_PERSON)).isEqualTo(60);
        assertThat(total.get(Measure.OFFERED)).isEqualTo(68);
        assertThat(total.get(Measure.USED)).isEqualTo(57);
        assertThat(total.get(Measure.BOOKED)).isEqualTo(53);
        assertThat(total.get(Measure.BOOKED_ORPHAN)).isEqualTo(21);
        assertThat(total.get(Measure.WAIT_MINUTES_TOTAL)).isEqualTo(240_480);
        assertThat(total.get(Measure.SEARCHES)).isEqualTo(77);
        assertThat(total.fillRate().getAsDouble()).isEqualTo(57.0 / 68);
        assertThat(total.meanWaitDays().getAsDouble()).isEqualTo(240_480 / 1440.0 / 53);
        assertThat(region.parts()).extracting(p -> p.area().code()).containsExactly("1111", "1112", "1113", "1114", "1121");
        assertThat(part(region, "1111").figures().get(Measure.PUBLISHED)).isEqualTo(70);
        assertThat(part(region, "1112").figures().get(Measure.PUBLISHED)).isEqualTo(8);
        assertThat(part(region, "1111").figures().get(Measure.SEARCHES)).isEqualTo(50);
        assertThat(part(region, "1112").figures().get(Measure.SEARCHES)).isEqualTo(7);
        assertThat(part(region, "1113").figures().get(Measure.PUBLISHED)).isZero();
        for (Measure measure : Measure.of(Dataset.SUPPLY)) {
            assertThat(region.parts().stream().mapToLong(p -> p.figures().get(measure)).sum()).as(measure.column()).isEqualTo(total.get(measure));
        }
        assertThat(region.total().thirdNextMedianMinutes()).as("100, 600, 2880, 4000, none").isEqualTo(OptionalInt.of(2880));
        assertThat(part(region, "1111").thirdNextMedianMinutes()).as("100, 2880, none").isEqualTo(OptionalInt.of(2880));
        assertThat(part(region, "1112").thirdNextMedianMinutes()).isEqualTo(OptionalInt.of(600));
        assertThat(part(region, "1113").thirdNextMedianMinutes()).isEmpty();
    }

    @Test
    void aNetworkListsAllItsClinicsFromItsClinicRowsWithoutDemand() {
        Breakdown network = queries.breakdown(filter(Area.Level.LOCAL_NETWORK, "1111"));

        assertThat(network.total().area().name()).isEqualTo("RLS de la Baie-des-Chaleurs");
        assertThat(network.total().figures().get(Measure.PUBLISHED)).isEqualTo(70);
        assertThat(network.total().figures().get(Measure.SEARCHES)).isEqualTo(50);
        assertThat(network.parts()).hasSize(5).allSatisfy(p -> assertThat(p.area().level()).isEqualTo(Area.Level.CLINIC));
        assertThat(part(network, A).area().name()).isEqualTo("GMF New Richmond");
        assertThat(part(network, A).figures().get(Measure.PUBLISHED)).isEqualTo(50);
        assertThat(part(network, A).figures().get(Measure.SEARCHES)).isZero();
        assertThat(part(network, A).thirdNextMedianMinutes()).isEqualTo(OptionalInt.of(2880));
        assertThat(part(network, B).figures().get(Measure.NO_SHOWS)).isEqualTo(3);
        assertThat(part(network, B).thirdNextMedianMinutes()).as("fewer than three free slots").isEmpty();
        for (Measure measure : Measure.of(Dataset.SUPPLY)) {
            assertThat(network.parts().stream().mapToLong(p -> p.figures().get(measure)).sum()).as(measure.column())
                    .isEqualTo(network.total().figures().get(measure));
        }

        Breakdown clinic = queries.breakdown(filter(Area.Level.CLINIC, A));
        assertThat(clinic.parts()).isEmpty();
        assertThat(clinic.total().figures().get(Measure.PUBLISHED)).isEqualTo(50);
        assertThat(clinic.total().figures().get(Measure.SEARCHES)).isZero();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleMeasures() {
        Breakdown region = queries.breakdown(new ObservatoryFilter(Area.Level.REGION, "11", FIRST, LocalDate.of(2024, 3, 5), Optional.empty(),
                Optional.empty()));

        assertThat(region.total().thirdNextMedianMinutes()).as("100, 600, 1440, none").isEqualTo(OptionalInt.of(1020));
    }

    @Test
    void serviceAndProfessionFilterSupplyButTheProfessionLeavesDemandWhole() {
        ObservatoryFilter vaccination = new ObservatoryFilter(Area.Level.REGION, "11", FIRST, LAST,
                Optional.of(new ServiceTypeCode("vaccination")), Optional.empty());
        ObservatoryFilter nurses = new ObservatoryFilter(Area.Level.REGION, "11", FIRST, LAST, Optional.empty(), Optional.of(Profession.NURSE));

        assertThat(queries.breakdown(vaccination).total().figures().get(Measure.PUBLISHED)).isEqualTo(20);
        assertThat(queries.breakdown(vaccination).total().figures().get(Measure.SEARCHES)).isZero();
        assertThat(queries.breakdown(nurses).total().figures().get(Measure.PUBLISHED)).isEqualTo(30);
        assertThat(queries.breakdown(nurses).total().figures().get(Measure.SEARCHES)).isEqualTo(77);
    }

    /**
     * A range with whole months reads the summed months' rows for their days: the same figures as from the day rows, and
     * the month rows are what is read (a change to one shows), until the month is summed again.
     */
    @Test
    void aSummedMonthReadsAsItsDays() {
        LocalDate from = LocalDate.of(2024, 2, 20);
        LocalDate to = LocalDate.of(2024, 4, 5);
        YearMonth march = YearMonth.of(2024, 3);
        List<ObservatoryFilter> filters = List.of(
                new ObservatoryFilter(Area.Level.PROVINCE, Area.PROVINCE_CODE, from, to, Optional.empty(), Optional.empty()),
                new ObservatoryFilter(Area.Level.REGION, "11", from, to, Optional.of(new ServiceTypeCode("follow-up")), Optional.empty()),
                new ObservatoryFilter(Area.Level.LOCAL_NETWORK, "1111", from, to, Optional.empty(), Optional.of(Profession.NURSE)),
                new ObservatoryFilter(Area.Level.CLINIC, A, from, to, Optional.empty(), Optional.empty()));
        List<Breakdown> fromDays = filters.stream().map(queries::breakdown).toList();
        var comparisonFromDays = queries.clinic(UUID.fromString(A), filters.getLast()).orElseThrow();
        assertThat(fromDays.getFirst().total().figures().get(Measure.PUBLISHED)).isEqualTo(178);
        List<RegionCode> regions = java.util.stream.IntStream.rangeClosed(1, 18).mapToObj(n -> new RegionCode("%02d".formatted(n))).toList();
        try {
            rollups.settleMonth(march, regions, java.time.Instant.now());

            assertThat(filters.stream().map(queries::breakdown).toList()).isEqualTo(fromDays);
            assertThat(queries.clinic(UUID.fromString(A), filters.getLast()).orElseThrow()).isEqualTo(comparisonFromDays);
            assertThat(jdbc.sql("select count(*) from observatory_month_written").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("update observatory_area_month set published = published + 1000 where month = :march and level = 'RSS' "
                    + "and area_code = '11' and service_type = 'follow-up' and profession = 'PHYSICIAN'").param("march", march.atDay(1)).update())
                    .isEqualTo(1);
            assertThat(queries.breakdown(filters.getFirst()).total().figures().get(Measure.PUBLISHED)).as("the month row is read").isEqualTo(1178);
            assertThat(queries.breakdown(filter(Area.Level.PROVINCE, Area.PROVINCE_CODE)).total().figures().get(Measure.PUBLISHED))
                    .as("not for part of the month").isEqualTo(178);

            rollups.settleMonth(march, List.of(new RegionCode("11")), java.time.Instant.now());
            assertThat(filters.stream().map(queries::breakdown).toList()).isEqualTo(fromDays);
        } finally {
            for (String table : List.of("observatory_clinic_month", "observatory_area_month", "observatory_demand_month",
                    "observatory_month_written")) {
                jdbc.sql("delete from " + table + " where month = :march").param("march", march.atDay(1)).update();
            }
        }
    }

    @Test
    void theSeriesHasEveryDayEmptyOnesAsZeros() {
        List<DayFigures> days = queries.series(filter(Area.Level.REGION, "11"));

        assertThat(days).hasSize(10);
        assertThat(days).extracting(DayFigures::day).startsWith(FIRST).endsWith(LAST);
        assertThat(days.get(0).figures().get(Measure.PUBLISHED)).isEqualTo(60);
        assertThat(days.get(0).figures().get(Measure.SEARCHES)).isEqualTo(50);
        assertThat(days.get(1).figures().get(Measure.PUBLISHED)).isZero();
        assertThat(days.get(1).figures().get(Measure.SEARCHES)).isEqualTo(20);
        assertThat(days.get(9).figures().values().values()).allSatisfy(v -> assertThat(v).isZero());
        assertThat(days.stream().mapToLong(d -> d.figures().get(Measure.PUBLISHED)).sum()).isEqualTo(78);
    }

    @Test
    void aClinicIsComparedWithTheMedianOfItsRegionsClinics() {
        var comparison = queries.clinic(UUID.fromString(A), filter(Area.Level.CLINIC, A)).orElseThrow();

        assertThat(comparison.clinic().figures().get(Measure.PUBLISHED)).isEqualTo(50);
        assertThat(comparison.regionClinics()).hasSize(14);
        assertThat(comparison.region().area().code()).isEqualTo("11");
        assertThat(comparison.region().figures().get(Measure.PUBLISHED)).as("50, 20, 8 and eleven zeros").isZero();
        assertThat(comparison.region().thirdNextMedianMinutes()).isEqualTo(OptionalInt.of(2880));
        assertThat(queries.clinic(UUID.randomUUID(), filter(Area.Level.CLINIC, A))).isEmpty();
    }

    @Test
    void qualityQuarantineAndFairnessSumTheDays() {
        assertThat(queries.quality(FIRST, LAST)).containsExactly(
                new ObservatoryQueries.SourceQuality("CHRONOMETRIC", 0, OptionalInt.empty(), 0, 1),
                new ObservatoryQueries.SourceQuality("OMNIMED", 5, OptionalInt.of(1000), 3000, 0),
                new ObservatoryQueries.SourceQuality("RVSQ", 20, OptionalInt.of(50), 120, 9));
        assertThat(queries.quarantine(FIRST, LAST)).hasSize(3).first().isEqualTo(new ObservatoryQueries.QuarantineCount("CHRONOMETRIC", "bad date", 1));
        assertThat(queries.fairness(FIRST, LAST)).containsExactly(new ObservatoryQueries.FlagCount("HOLD_CHURN", "PARTNER", 8),
                new ObservatoryQueries.FlagCount("MANY_BOOKINGS_PER_IDENTITY", "PATIENT", 3));
    }

    // ---- over HTTP

    private static final String MARCH = "from=2024-03-01&to=2024-03-10";

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode part(JsonNode breakdown, String code) {
        for (JsonNode part : breakdown.get("parts")) {
            if (part.get("area").get("code").asString().equals(code)) {
                return part;
            }
        }
        throw new AssertionError(code);
    }

    @Test
    void theBreakdownSuppressesSmallCountsAndWhateverWouldGiveThemBack() {
        JsonNode province = json(analyst.get("/api/v1/observatory/breakdown?" + MARCH));
        assertThat(province.get("total").get("measures").get("no_shows").asLong()).isEqualTo(13);
        assertThat(part(province, "11").get("measures").get("no_shows").isNull()).as("3").isTrue();
        assertThat(part(province, "05").get("measures").get("no_shows").isNull()).as("13 - 3 would give it back").isTrue();
        assertThat(part(province, "06").get("measures").get("no_shows").asLong()).isZero();
        assertThat(part(province, "11").get("measures").get("published").asLong()).isEqualTo(78);

        JsonNode region = json(analyst.get("/api/v1/observatory/breakdown?region=11&" + MARCH));
        JsonNode total = region.get("total");
        assertThat(region.get("filter").get("area").get("name").asString()).isEqualTo("Gaspésie–Îles-de-la-Madeleine");
        assertThat(total.get("measures").get("published").asLong()).isEqualTo(78);
        assertThat(total.get("measures").get("used").asLong()).isEqualTo(57);
        assertThat(total.get("measures").get("searches").asLong()).isEqualTo(77);
        assertThat(total.get("measures").get("no_shows").isNull()).isTrue();
        assertThat(total.get("fillRate").asDouble()).isEqualTo(57.0 / 68);
        assertThat(total.get("orphanShare").asDouble()).isEqualTo(21.0 / 53);
        assertThat(total.get("unmetShare").asDouble()).isEqualTo(19.0 / 77);
        assertThat(total.get("meanWaitDays").asDouble()).isEqualTo(240_480 / 1440.0 / 53);
        assertThat(total.get("thirdNextMedianMinutes").asInt()).isEqualTo(2880);
        JsonNode haute = part(region, "1112");
        assertThat(haute.get("measures").get("unused").isNull()).as("2").isTrue();
        assertThat(haute.get("measures").get("used").isNull()).as("8 - 6").isTrue();
        assertThat(haute.get("measures").get("offered").asLong()).isEqualTo(8);
        assertThat(haute.get("fillRate").isNull()).isTrue();
        assertThat(haute.get("meanWaitDays").asDouble()).isEqualTo(10.0);
        JsonNode baie = part(region, "1111");
        assertThat(baie.get("measures").get("unused").isNull()).as("11 - 9 would give 1112's 2").isTrue();
        assertThat(baie.get("measures").get("used").isNull()).as("60 - 51 would give 9").isTrue();
        assertThat(baie.get("measures").get("exits_withdrawn").isNull()).isTrue();
        assertThat(baie.get("measures").get("waited_minutes_total").asLong()).as("six exits").isEqualTo(34_560);
        assertThat(baie.get("thirdNextMedianMinutes").asInt()).isEqualTo(2880);
        assertThat(part(region, "1113").get("thirdNextMedianMinutes").isNull()).isTrue();

        JsonNode network = json(analyst.get("/api/v1/observatory/breakdown?localNetwork=1111&" + MARCH + "&profession=nurse"));
        assertThat(network.get("filter").get("profession").asString()).isEqualTo("NURSE");
        assertThat(network.get("parts")).hasSize(5);
        assertThat(part(network, A).get("measures").get("published").asLong()).isEqualTo(10);
        assertThat(part(network, B).get("measures").get("published").asLong()).isEqualTo(20);
    }

    @Test
    void theSeriesOverHttpHasEveryDayEachProtectedOnItsOwn() {
        JsonNode series = json(analyst.get("/api/v1/observatory/series?region=11&" + MARCH + "&service=follow-up"));

        assertThat(series.get("filter").get("service").asString()).isEqualTo("follow-up");
        assertThat(series.get("days")).hasSize(10);
        assertThat(series.get("days").get(0).get("day").asString()).isEqualTo("2024-03-01");
        assertThat(series.get("days").get(0).get("measures").get("published").asLong()).isEqualTo(40);
        assertThat(series.get("days").get(1).get("measures").get("searches").asLong()).as("a service asked: not the any-service searches")
                .isZero();
        assertThat(series.get("days").get(3).get("measures").get("searches").asLong()).isEqualTo(7);
        assertThat(series.get("days").get(3).get("unmetShare").asDouble()).isEqualTo(1.0);
        assertThat(series.get("days").get(9).get("measures").get("published").asLong()).isZero();
        assertThat(series.get("days").get(9).get("fillRate").isNull()).isTrue();
    }

    /** RFC 4180 read back: quoted fields, doubled quotes, CRLF. */
    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the last line ends with CRLF").isEmpty();
        return rows;
    }

    /** The rows as maps by column name, the header checked against the dictionary. */
    private List<Map<String, String>> exported(String path, Dataset dataset) {
        HttpResponse<String> response = analyst.send("GET", path, null, null, "text/csv");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv").contains("charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
        List<List<String>> lines = csv(response.body());
        assertThat(lines.get(0)).isEqualTo(Dictionary.columns(dataset).stream().map(Dictionary.Column::name).toList());
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertThat(line).hasSameSizeAs(lines.get(0));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < line.size(); i++) {
                row.put(lines.get(0).get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String day, String code) {
        return rows.stream().filter(r -> r.get("day").equals(day) && code.equals(r.getOrDefault("area_code", r.get("clinic_id")))).findFirst()
                .orElseThrow(() -> new AssertionError(day + " " + code));
    }

    @Test
    void theSupplyExportReadsBackAsTheRowsWrittenSmallCellsEmpty() {
        List<Map<String, String>> rows = exported("/api/v1/observatory/exports/supply.csv?region=11&level=clinic&" + MARCH, Dataset.SUPPLY);

        assertThat(rows).hasSize(4);
        Map<String, String> r1 = row(rows, "2024-03-01", A);
        assertThat(r1).containsEntry("area_level", "CLINIC").containsEntry("area_name", "GMF New Richmond").containsEntry("region_code", "11")
                .containsEntry("service_type", "follow-up").containsEntry("profession", "PHYSICIAN").containsEntry("published", "40")
                .containsEntry("published_in_person", "30").containsEntry("published_phone", "10").containsEntry("offered", "30")
                .containsEntry("used", "24").containsEntry("unused", "6").containsEntry("booked", "20").containsEntry("booked_orphan", "10")
                .containsEntry("wait_minutes_total", "86400").containsEntry("no_shows", "0").containsEntry("published_video", "0");
        assertThat(row(rows, "2024-03-01", B)).containsEntry("no_shows", "").containsEntry("published", "20");
        assertThat(row(rows, "2024-03-03", A)).containsEntry("unused", "").containsEntry("used", "").containsEntry("offered", "10")
                .containsEntry("wait_minutes_total", "10080");
        assertThat(row(rows, "2024-03-05", C)).containsEntry("unused", "").containsEntry("used", "").containsEntry("area_name", "CLSC Cap-Chat");

        List<Map<String, String>> networks = exported("/api/v1/observatory/exports/supply.csv?" + MARCH, Dataset.SUPPLY);
        assertThat(networks).as("the province's parts: regions").hasSize(5).allSatisfy(r -> assertThat(r.get("area_level")).isEqualTo("REGION"));
        assertThat(row(networks, "2024-03-02", "05")).containsEntry("area_name", "Estrie").containsEntry("published", "100");

        JsonNode json = json(analyst.get("/api/v1/observatory/exports/supply.json?region=11&level=clinic&" + MARCH));
        assertThat(json).hasSize(4);
        for (JsonNode each : json) {
            Map<String, String> csvRow = row(rows, each.get("day").asString(), each.get("area_code").asString());
            for (Dictionary.Column column : Dictionary.columns(Dataset.SUPPLY)) {
                JsonNode value = each.get(column.name());
                assertThat(value.isNull() ? "" : value.asString()).as(column.name()).isEqualTo(csvRow.get(column.name()));
            }
        }
    }

    @Test
    void theOtherExportsReadBackToo() {
        List<Map<String, String>> demand = exported("/api/v1/observatory/exports/demand.csv?region=11&" + MARCH, Dataset.DEMAND);
        assertThat(demand).hasSize(3);
        assertThat(demand.stream().filter(r -> r.get("local_network_code").isEmpty()).findFirst().orElseThrow())
                .containsEntry("area_name", "Gaspésie–Îles-de-la-Madeleine").containsEntry("searches", "20").containsEntry("searches_unmet", "")
                .containsEntry("service_type", "");
        assertThat(demand.stream().filter(r -> r.get("local_network_code").equals("1111")).findFirst().orElseThrow())
                .containsEntry("searches", "50").containsEntry("exits_withdrawn", "").containsEntry("waited_minutes_total", "34560");

        List<Map<String, String>> access = exported("/api/v1/observatory/exports/access.csv?localNetwork=1111&" + MARCH, Dataset.ACCESS);
        assertThat(access).hasSize(4);
        assertThat(row(access, "2024-03-06", A)).containsEntry("third_next_minutes", "2880").containsEntry("free_ahead", "9")
                .containsEntry("measured_at", "2024-03-06T20:00:00Z");
        assertThat(row(access, "2024-03-02", B)).containsEntry("third_next_minutes", "").containsEntry("free_ahead", "2");

        List<Map<String, String>> quality = exported("/api/v1/observatory/exports/quality.csv?" + MARCH, Dataset.QUALITY);
        assertThat(quality).extracting(r -> r.get("day") + " " + r.get("source_system") + " " + r.get("lag_seconds_mean") + " "
                + r.get("quarantined")).containsExactly("2024-03-01 OMNIMED 1000 0", "2024-03-01 RVSQ 60 7", "2024-03-02 RVSQ 40 2",
                "2024-03-03 CHRONOMETRIC  1");

        List<Map<String, String>> fairness = exported("/api/v1/observatory/exports/fairness.csv?" + MARCH, Dataset.FAIRNESS);
        assertThat(fairness).extracting(r -> r.get("day") + " " + r.get("signal") + " " + r.get("flags"))
                .containsExactly("2024-03-01 HOLD_CHURN 6", "2024-03-02 HOLD_CHURN ", "2024-03-02 MANY_BOOKINGS_PER_IDENTITY ");
    }

    @Test
    void qualityQuarantineAndFairnessOverHttp() {
        JsonNode quality = json(analyst.get("/api/v1/observatory/quality?" + MARCH));
        assertThat(quality).hasSize(3);
        assertThat(quality.get(2).get("source").asString()).isEqualTo("RVSQ");
        assertThat(quality.get(2).get("meanLagSeconds").asInt()).isEqualTo(50);
        assertThat(quality.get(2).get("quarantined").asLong()).as("not a count of people: not suppressed").isEqualTo(9);
        assertThat(quality.get(0).get("meanLagSeconds").isNull()).isTrue();
        assertThat(json(analyst.get("/api/v1/observatory/quarantine?" + MARCH)).get(0).get("quarantined").asLong()).isEqualTo(1);
        JsonNode fairness = json(analyst.get("/api/v1/observatory/fairness?" + MARCH));
        assertThat(fairness.get(0).get("flags").asLong()).isEqualTo(8);
        assertThat(fairness.get(1).get("flags").isNull()).isTrue();
    }

    @Test
    void theDictionaryDefinesEveryMeasureAndTheRuleInFrenchOrEnglish() {
        JsonNode french = json(analyst.get("/api/v1/observatory/dictionary"));
        JsonNode english = json(analyst.get("/api/v1/observatory/dictionary?lang=en"));

        assertThat(french.get("measures")).hasSize(Measure.values().length);
        assertThat(french.get("measures").get(0).get("column").asString()).isEqualTo("published");
        assertThat(french.get("measures").get(0).get("dataset").asString()).isEqualTo("supply");
        assertThat(french.get("measures").get(0).get("label").asString()).isEqualTo("Plages publiées");
        assertThat(english.get("measures").get(0).get("label").asString()).isEqualTo("Slots published");
        assertThat(french.get("suppression").get("threshold").asInt()).isEqualTo(5);
        assertThat(french.get("suppression").get("rule").asString()).contains("de 1 à 4");
        assertThat(english.get("suppression").get("rule").asString()).contains("from 1 to 4");
        assertThat(french.get("datasets")).hasSize(5);
        assertThat(french.get("datasets").get(0).get("csv").asString()).isEqualTo("/api/v1/observatory/exports/supply.csv");
        assertThat(french.get("datasets").get(0).get("columns").get(0).get("name").asString()).isEqualTo("day");
    }

    @Test
    void eachBadInputIsItsProblem() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/api/v1/observatory/breakdown?region=42", "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?region=19", "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?localNetwork=9999", "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?region=05&localNetwork=1111", "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?clinic=" + UUID.randomUUID(), "404 unknown-area");
        expected.put("/api/v1/observatory/series?clinic=not-an-id", "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?localNetwork=1112&clinic=" + A, "404 unknown-area");
        expected.put("/api/v1/observatory/breakdown?service=massage", "400 unknown-service");
        expected.put("/api/v1/observatory/series?profession=wizard", "400 unknown-profession");
        expected.put("/api/v1/observatory/breakdown?from=2024-03-10&to=2024-03-01", "400 observatory-dates-out-of-range");
        expected.put("/api/v1/observatory/breakdown?from=1999-12-31&to=2000-01-05", "400 observatory-dates-out-of-range");
        expected.put("/api/v1/observatory/breakdown?from=2024-03-01&to=2999-01-01", "400 observatory-dates-out-of-range");
        expected.put("/api/v1/observatory/series?from=2022-01-01&to=2024-01-02", "400 observatory-range-too-long");
        expected.put("/api/v1/observatory/quality?from=yesterday", "400 malformed-date");
        expected.put("/api/v1/observatory/exports/patients.csv", "404 not-found");
        expected.put("/api/v1/observatory/exports/supply.csv?level=province", "400 malformed-parameter");
        expected.put("/api/v1/observatory/exports/supply.csv?localNetwork=1111&level=region", "400 malformed-parameter");
        expected.put("/api/v1/observatory/exports/demand.json?clinic=" + A, "400 malformed-parameter");
        expected.put("/api/v1/clinics/" + UUID.randomUUID() + "/observatory", "404 unknown-area");
        List<String> wrong = new ArrayList<>();
        expected.forEach((path, problem) -> {
            HttpResponse<String> answer = analyst.send("GET", path, null, null, path.contains(".csv") ? "text/csv" : "application/json");
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String got = answer.statusCode() + " " + (type.startsWith("application/problem+json") ? JSON.readTree(answer.body()).get("code").asString()
                    : type);
            if (!got.equals(problem)) {
                wrong.add(path + ": " + got + " instead of " + problem);
            }
        });
        assertThat(wrong).isEmpty();
        HttpResponse<String> english = analyst.get("/api/v1/observatory/series?from=2022-01-01&to=2024-01-02&lang=en");
        assertThat(JSON.readTree(english.body()).get("detail").asString()).isEqualTo("A range spans at most 731 days (two years).");
    }

    @Test
    void onlyAnalystsReadTheObservatoryAndAClinicsStaffItsOwnComparison() throws Exception {
        Caller patient = signedInPatient();
        Caller partner = Caller.partner(port);
        Caller nobody = Caller.anonymous(port);
        Caller staff = Caller.staff(port, "clinique.baie");
        for (String path : List.of("/api/v1/observatory/breakdown?" + MARCH, "/api/v1/observatory/exports/supply.csv?" + MARCH,
                "/api/v1/observatory/exports/fairness.json?" + MARCH, "/api/v1/observatory/dictionary")) {
            assertThat(nobody.get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(patient.get(path).statusCode()).as(path).isEqualTo(403);
            assertThat(partner.get(path).statusCode()).as(path).isEqualTo(403);
            assertThat(staff.get(path).statusCode()).as(path).isEqualTo(403);
            HttpResponse<String> refused = partner.get(path);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("published");
        }

        String own = "/api/v1/clinics/" + A + "/observatory?" + MARCH;
        JsonNode comparison = json(staff.get(own));
        assertThat(comparison.get("clinic").get("measures").get("published").asLong()).isEqualTo(50);
        assertThat(comparison.get("clinic").get("thirdNextMedianMinutes").asInt()).isEqualTo(2880);
        assertThat(comparison.get("regionMedian").get("clinics").asInt()).isEqualTo(14);
        assertThat(comparison.get("regionMedian").get("measures").get("published").asLong()).isZero();
        assertThat(comparison.get("regionMedian").get("fillRate").asDouble()).as("median of 31/40, 20/20, 6/8").isEqualTo(0.775);
        assertThat(comparison.get("regionMedian").get("thirdNextMedianMinutes").asInt()).isEqualTo(2880);
        assertThat(json(analyst.get(own)).get("clinic").get("measures").get("published").asLong()).isEqualTo(50);
        assertThat(staff.get("/api/v1/clinics/" + B + "/observatory").statusCode()).as("another clinic's").isEqualTo(403);
        assertThat(partner.get(own).statusCode()).isEqualTo(403);
        assertThat(patient.get(own).statusCode()).isEqualTo(403);
        assertThat(nobody.get(own).statusCode()).isEqualTo(401);
        assertThat(nobody.get("/api/v1/clinics/" + A).statusCode()).as("the clinic itself stays public").isEqualTo(200);
    }

    /** A resident of the tiny province signed in with the code sent by e-mail. */
    private Caller signedInPatient() {
        Resident resident = Residents.of(Preset.TINY, 1).get(0);
        Patient patient = resident.patient();
        Caller caller = Caller.browser(port);
        int sent = mailbox.to(resident.email()).size();
        HttpResponse<String> started = caller.post("/api/v1/sign-in", "{\"nam\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"channel\":\"email\"}"
                .formatted(patient.nam().value(), patient.birthDate(), patient.sex()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String challenge = JSON.readTree(started.body()).get("challenge").asString();
        String code = mailbox.awaitCode(resident.email(), sent + 1);
        HttpResponse<String> verified = caller.post("/api/v1/sign-in/" + challenge + "/verify", "{\"code\":\"" + code + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
        return caller;
    }
}
