package ca.careorchestrator.bench;

import ca.careorchestrator.app.CareOrchestratorApplication;
import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.observatory.ObservatoryRecorder;
import ca.careorchestrator.app.observatory.SyntheticHistory;
import ca.careorchestrator.app.provisioning.LoadStatus;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the observatory's dashboards cost to read (issue #7: every dashboard query under 500 ms on a year of history of
 * the {@code province} preset). The province is loaded in PostgreSQL (slots written directly), a year of synthetic
 * history written before today, today's rollups refreshed from the record; then a signed-in ministry analyst asks
 * every page and API call the dashboards make, over HTTP, for the last 30 days and for the last year, at each level
 * (province, the largest region, its largest local network, its largest clinic), with and without a service and a
 * profession filter. Each request is timed end to end (query, rendering, transfer): median and max of the runs.
 * Not a test: figures go in notes.
 *
 * <pre>./mvnw -q install -DskipTests && ./mvnw -q -pl bench exec:java -Dbench.main=ca.careorchestrator.bench.ObservatoryBench</pre>
 *
 * {@code -Dbench.keep=true} reuses the schema a previous run left (the load and the history take most of a run);
 * {@code -Dbench.months=false} forgets which months are summed first, so every read takes the day rows (as before V10;
 * the next start sums them again).
 */
public final class ObservatoryBench {

    private static final String SCHEMA = "care_bench_observatory";
    private static final long LIMIT_MILLIS = 500;

    private ObservatoryBench() {
    }

    public static void main(String[] args) throws Exception {
        String preset = System.getProperty("bench.preset", "province");
        String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
        int runs = Integer.parseInt(System.getProperty("bench.runs", "7"));
        int historyDays = Integer.parseInt(System.getProperty("bench.history-days", "365"));
        boolean keep = Boolean.getBoolean("bench.keep") && BenchSchema.provisioned(url, SCHEMA);
        boolean withMonths = Boolean.parseBoolean(System.getProperty("bench.months", "true"));
        BenchSchema.printMachine();
        if (!keep) {
            BenchSchema.fresh(url, SCHEMA);
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareOrchestratorApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url + "?currentSchema=" + SCHEMA, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=", "--care.provisioning.preset=" + preset, "--care.provisioning.slots=direct",
                        "--care.simulation.enabled=false", "--care.observatory.history-days=0", "--care.observatory.refresh-interval=24h")) {
            ProvinceLoader loader = app.getBean(ProvinceLoader.class);
            long loadStart = System.nanoTime();
            while (!loader.status().ready()) {
                if (loader.status().phase() == LoadStatus.Phase.FAILED) {
                    throw new IllegalStateException(loader.status().failure().orElse("load failed"));
                }
                Thread.sleep(200);
            }
            System.out.printf(Locale.ROOT, "province %s ready in %.0f s%s%n", preset, (System.nanoTime() - loadStart) / 1e9, keep ? " (kept)" : "");
            LocalDate today = LocalDate.now(ObservatoryRecorder.QUEBEC);
            SyntheticHistory.Written history = app.getBean(SyntheticHistory.class).writeBefore(today, historyDays, 1);
            System.out.printf(Locale.ROOT, "history %s..%s: %s%n", history.from(), history.to(), history.skipped() ? "already there"
                    : String.format(Locale.ROOT, "%,d clinic rows, %,d demand rows, %,d access rows in %d s", history.supplyRows(),
                            history.demandRows(), history.accessRows(), history.took().toSeconds()));
            app.getBean(ObservatoryRecorder.class).refresh();
            // The search index is built in the background at start-up (minutes for the province): measured after it.
            Catalog catalog = app.getBean(Catalog.class);
            while (!catalog.status().ready() || catalog.status().rebuilding()) {
                Thread.sleep(500);
            }

            Areas areas;
            try (Connection c = DriverManager.getConnection(url + "?currentSchema=" + SCHEMA, "postgres", ""); Statement s = c.createStatement()) {
                if (!withMonths) {
                    // Reads as before the monthly sums: a month not listed as summed is read from its days.
                    s.executeUpdate("delete from observatory_month_written");
                }
                s.execute("analyze");
                System.out.printf(Locale.ROOT, "rows: observatory_clinic_day %,d, observatory_area_day %,d, observatory_demand_day %,d, "
                        + "observatory_access_day %,d%n", BenchSchema.single(s, "select count(*) from observatory_clinic_day"),
                        BenchSchema.single(s, "select count(*) from observatory_area_day"), BenchSchema.single(s, "select count(*) from observatory_demand_day"),
                        BenchSchema.single(s, "select count(*) from observatory_access_day"));
                areas = Areas.largest(s);
            }
            System.out.printf(Locale.ROOT, "areas: region %s, local network %s, clinic %s%n", areas.region(), areas.localNetwork(), areas.clinic());

            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Analyst analyst = Analyst.signIn(port);
            Map<String, String> requests = requests(areas, today);
            List<String> over = new ArrayList<>();
            System.out.printf(Locale.ROOT, "%-72s %9s %9s%n", "request (" + runs + " runs after 2 warm-ups)", "median ms", "max ms");
            for (Map.Entry<String, String> request : requests.entrySet()) {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < runs + 2; i++) {
                    double took = analyst.time(request.getValue());
                    if (i >= 2) {
                        millis.add(took);
                    }
                }
                millis.sort(Double::compare);
                double median = millis.get(millis.size() / 2);
                double max = millis.getLast();
                System.out.printf(Locale.ROOT, "%-72s %9.1f %9.1f%n", request.getKey(), median, max);
                if (median >= LIMIT_MILLIS) {
                    over.add(request.getKey());
                }
            }
            System.out.println(over.isEmpty() ? "every median under " + LIMIT_MILLIS + " ms" : "medians at or over " + LIMIT_MILLIS + " ms: " + over);
        }
    }

    /** The dashboards' requests: name → path. */
    private static Map<String, String> requests(Areas areas, LocalDate today) {
        String month = "from=" + today.minusDays(29) + "&to=" + today;
        String year = "from=" + today.minusDays(364) + "&to=" + today;
        String filtered = "&service=follow-up&profession=PHYSICIAN";
        Map<String, String> requests = new LinkedHashMap<>();
        for (String range : List.of(month, year)) {
            String label = range == month ? "30 d" : "365 d";
            requests.put("page province, " + label, "/observatoire?" + range);
            requests.put("page province, " + label + ", service + profession", "/observatoire?" + range + filtered);
            requests.put("page region " + areas.region() + ", " + label, "/observatoire/regions/" + areas.region() + "?" + range);
            requests.put("page RLS " + areas.localNetwork() + ", " + label, "/observatoire/rls/" + areas.localNetwork() + "?" + range);
            requests.put("page clinic, " + label, "/observatoire/cliniques/" + areas.clinic() + "?" + range);
            requests.put("page quality, " + label, "/observatoire/qualite?" + range);
            requests.put("api breakdown province, " + label, "/api/v1/observatory/breakdown?" + range);
            requests.put("api breakdown region, " + label + ", service + profession", "/api/v1/observatory/breakdown?region=" + areas.region()
                    + "&" + range + filtered);
            requests.put("api series province, " + label, "/api/v1/observatory/series?" + range);
            requests.put("api series RLS, " + label + ", service", "/api/v1/observatory/series?localNetwork=" + areas.localNetwork() + "&" + range
                    + "&service=follow-up");
            requests.put("api series clinic, " + label, "/api/v1/observatory/series?clinic=" + areas.clinic() + "&" + range);
            requests.put("api clinic against its region, " + label, "/api/v1/clinics/" + areas.clinic() + "/observatory?" + range);
            requests.put("api quality, " + label, "/api/v1/observatory/quality?" + range);
            requests.put("api quarantine, " + label, "/api/v1/observatory/quarantine?" + range);
            requests.put("api fairness, " + label, "/api/v1/observatory/fairness?" + range);
        }
        requests.put("page dictionary", "/observatoire/dictionnaire");
        return requests;
    }

    /** The region with the most clinics, its local network with the most, and that network's clinic with the most slots. */
    private record Areas(String region, String localNetwork, String clinic) {

        static Areas largest(Statement s) throws Exception {
            String region = text(s, "select region_code from directory_clinic group by region_code order by count(*) desc, region_code limit 1");
            String network = text(s, "select local_network_code from directory_clinic where region_code = '" + region
                    + "' group by local_network_code order by count(*) desc, local_network_code limit 1");
            String clinic = text(s, "select c.id from directory_clinic c join availability_slot a on a.clinic_id = c.id where c.local_network_code = '"
                    + network + "' group by c.id order by count(*) desc, c.id limit 1");
            return new Areas(region.trim(), network.trim(), clinic);
        }

        private static String text(Statement s, String sql) throws Exception {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** A ministry analyst's browser session (the demo account), signed in through the staff form. */
    private record Analyst(HttpClient http, String base) {

        static Analyst signIn(int port) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            Analyst analyst = new Analyst(http, "http://127.0.0.1:" + port);
            analyst.send(HttpRequest.newBuilder(analyst.uri("/personnel/connexion")).GET());
            String form = "username=analyste&password=" + URLEncoder.encode("demo", StandardCharsets.UTF_8);
            HttpRequest.Builder post = HttpRequest.newBuilder(analyst.uri("/personnel/connexion")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .findFirst().ifPresent(c -> post.header("X-XSRF-TOKEN", c.getValue()));
            HttpResponse<String> signedIn = analyst.send(post);
            if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("erreur")) {
                throw new IllegalStateException("the analyst could not sign in: " + signedIn.statusCode());
            }
            return analyst;
        }

        URI uri(String path) {
            return URI.create(base + path);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Milliseconds from sending {@code path} to its whole answer; anything but 200 stops the bench. */
        double time(String path) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());
            double millis = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return millis;
        }
    }
}
