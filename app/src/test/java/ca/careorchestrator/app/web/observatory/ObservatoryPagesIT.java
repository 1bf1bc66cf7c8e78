package ca.careorchestrator.app.web.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.directory.Directory;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.security.TestSignIn;
import ca.careorchestrator.app.support.Browser;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.Loads;
import ca.careorchestrator.app.support.PostgresDatabase;
import ca.careorchestrator.core.care.Clinic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The observatory's pages in headless Chromium, on PostgreSQL, over four weeks of rollup rows written for the tiny
 * province (ObservatoryRows; the last 30 days, which the recorder of this run does not rewrite): the analyst signs in, sees
 * the 18 regions as tiles and in a table, sorts it, drills down region → local network → clinic, filters by service,
 * switches to English and is shown the problem of a period longer than two years; clinic staff see their clinic against
 * their region's median and nothing else; a patient and a visitor are refused. Screenshots under
 * {@code target/screenshots/observatory-*} (the reviewed set in {@code docs/screenshots}).
 */
@DirtiesContext // its own schema: never shared, closed after the class (PostgreSQL's 100 connections)
@ExtendWith(Browser.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=direct", "care.simulation.enabled=false",
        // The recorder's first refresh would rewrite yesterday from the record, under the rows written here.
        "care.observatory.refresh-interval=1h"})
@Import(TestSignIn.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservatoryPagesIT {

    /** Clinic staff user {@code clinique.baie} works here (application.yml): GMF of Baie-des-Chaleurs, RLS 1111, Gaspésie. */
    private static final String BAIE = "aa15a1c5-80b7-3fc1-bfa8-d691947ed836";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Montreal"));
    /** The pages' default period (the observatory's FilterCheck): the last 30 days, today included. */
    private static final LocalDate FROM = TODAY.minusDays(29);
    private static final LocalDate TO = TODAY;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresDatabase.useFreshSchema(registry, "observatory_pages_it");
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;

    ChromeDriver browser;

    @BeforeAll
    void rollups() throws IOException {
        Loads.awaitReady(loader);
        List<Clinic> clinics = directory.allClinics();
        List<String> others = directory.regions().stream().map(r -> r.region().code().value())
                .filter(code -> clinics.stream().noneMatch(c -> c.localNetwork().region().value().equals(code))).toList();
        new ObservatoryRows(jdbc).insert(clinics, others, FROM, TO);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    @Order(1)
    void aVisitorIsSentToTheStaffSignInAndAPatientOrClinicStaffAreRefused() {
        HttpResponse<String> visitor = Caller.browser(port).page("/observatoire");
        assertThat(visitor.statusCode()).isEqualTo(302);
        assertThat(visitor.headers().firstValue("Location").orElse("")).endsWith("/personnel/connexion");
        Caller patient = Caller.session(port, TestSignIn.PATIENT + UUID.randomUUID());
        assertThat(patient.page("/observatoire").statusCode()).isEqualTo(403);
        assertThat(patient.page("/observatoire/regions/11").statusCode()).isEqualTo(403);
        assertThat(patient.page("/clinique/" + BAIE + "/observatoire").statusCode()).isEqualTo(403);
        Caller staff = Caller.staff(port, "clinique.baie");
        assertThat(staff.page("/observatoire").statusCode()).as("the province is the ministry's").isEqualTo(403);
        assertThat(staff.page("/clinique/" + UUID.randomUUID() + "/observatoire").statusCode()).as("another clinic's").isEqualTo(403);
        assertThat(Caller.staff(port, "analyste").page("/clinique/" + BAIE + "/observatoire").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void theAnalystSeesTheRegionsDrillsDownToAClinicFiltersAndSwitchesToEnglish() {
        browser = Browser.start(1280, 1400);
        open("/observatoire");
        assertThat(path()).isEqualTo("/personnel/connexion");
        browser.findElement(By.id("username")).sendKeys("analyste");
        browser.findElement(By.id("password")).sendKeys(Caller.STAFF_PASSWORD);
        navigate(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(path()).as("back to the page asked").isEqualTo("/observatoire");

        // The province: 18 tiles, a table of 18 regions, the period's totals, charts drawn from their tables.
        assertThat(js("return document.documentElement.lang;")).isEqualTo("fr");
        assertThat(browser.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(text("h1")).startsWith("Observatoire");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo(FROM.toString());
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo(TO.toString());
        assertThat(browser.findElements(By.cssSelector(".region-grid .tile"))).hasSize(18);
        assertThat(browser.findElements(By.cssSelector("table.obs-parts tbody tr"))).hasSize(18);
        assertThat(card("Plages offertes")).isEqualTo(count(sum("offered", "observatory_area_day", "level = 'RSS'")));
        List<String> levels = browser.findElements(By.cssSelector(".region-grid .tile")).stream().map(t -> t.getAttribute("data-level")).distinct()
                .toList();
        assertThat(levels).as("the fill rates spread over the four classes").contains("1", "2", "3", "4");
        WebElement gaspesie = browser.findElement(By.cssSelector(".tile[data-region='11']"));
        assertThat(gaspesie.getText()).contains("Gaspésie").contains("Utilisation :").contains("Inutilisées :").contains("3e prochain :");
        assertThat(gaspesie.findElement(By.cssSelector(".marks")).getText()).as("the class in marks, not colour alone").matches("[■□]{4}");
        assertThat(browser.findElements(By.cssSelector("figure.chart canvas[role=img]"))).as("the charts are drawn").hasSizeGreaterThanOrEqualTo(10);
        assertThat(browser.findElements(By.cssSelector("figure.chart details.chart-data table caption"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(browser.findElements(By.cssSelector("table.obs-flags tbody tr"))).isNotEmpty();
        accessible();
        screenshot("observatory-01-overview-fr");

        // Sorted by fill rate, highest first, then the other way.
        navigate(browser.findElement(By.cssSelector("table.obs-parts thead th a[href*='sort=fill']")));
        assertThat(browser.findElement(By.cssSelector("table.obs-parts th[aria-sort]")).getAttribute("aria-sort")).isEqualTo("descending");
        List<Double> fills = browser.findElements(By.cssSelector("table.obs-parts tbody tr")).stream()
                .map(row -> spaces(row.findElements(By.tagName("td")).get(1).getText())).filter(t -> !t.equals("—"))
                .map(t -> Double.parseDouble(t.replace(" %", "").replace(',', '.'))).toList();
        assertThat(fills).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // Drill down: the region, its local network, its clinic; the breadcrumbs lead back.
        navigate(browser.findElement(By.cssSelector(".tile[data-region='11'] a")));
        assertThat(path()).isEqualTo("/observatoire/regions/11");
        assertThat(text("h1")).contains("Gaspésie").contains("Région sociosanitaire");
        assertThat(crumbs()).containsExactly("Observatoire", text("h1 span"));
        assertThat(card("Plages offertes")).isEqualTo(count(sum("offered", "observatory_area_day", "level = 'RSS' and area_code = '11'")));
        navigate(browser.findElement(By.cssSelector("table.obs-parts tbody tr[data-code='1111'] a")));
        assertThat(path()).isEqualTo("/observatoire/rls/1111");
        assertThat(crumbs()).hasSize(3);
        assertThat(card("Plages offertes")).isEqualTo(count(sum("offered", "observatory_clinic_day", "local_network_code = '1111'")));
        screenshot("observatory-02-local-network-fr");
        navigate(browser.findElement(By.cssSelector("table.obs-parts tbody tr[data-code='" + BAIE + "'] a")));
        assertThat(path()).isEqualTo("/observatoire/cliniques/" + BAIE);
        assertThat(crumbs()).hasSize(4);
        assertThat(card("Plages offertes")).isEqualTo(count(sum("offered", "observatory_clinic_day", "clinic_id = '" + BAIE + "'")));
        accessible();
        screenshot("observatory-03-clinic-fr");

        // Only vaccinations: the figures are those of that service; the filter is kept in the address and the links.
        new Select(browser.findElement(By.id("service"))).selectByValue("vaccination");
        navigate(browser.findElement(By.cssSelector("form.obs-filters button[type=submit]")));
        assertThat(browser.getCurrentUrl()).contains("service=vaccination");
        assertThat(card("Plages offertes")).isEqualTo(count(sum("offered", "observatory_clinic_day",
                "clinic_id = '" + BAIE + "' and service_type = 'vaccination'")));
        assertThat(text(".period")).contains("Vaccination");
        assertThat(browser.findElement(By.cssSelector(".crumbs a[href*='/rls/1111']")).getAttribute("href")).contains("service=vaccination");

        // English, with the header's switch: the same figures, in English.
        navigate(browser.findElement(By.cssSelector("header a.lang")));
        assertThat(js("return document.documentElement.lang;")).isEqualTo("en");
        assertThat(browser.findElement(By.cssSelector("label[for=service]")).getText()).isEqualTo("Service type");
        assertThat(text("h2#key-title")).isEqualTo("Key figures");
        assertThat(card("Slots offered")).isEqualTo(NumberFormat.getIntegerInstance(Locale.CANADA).format(sum("offered", "observatory_clinic_day",
                "clinic_id = '" + BAIE + "' and service_type = 'vaccination'")));
        open("/observatoire?indicator=third-next");
        assertThat(text("h1")).startsWith("Observatory");
        screenshot("observatory-04-overview-en");

        // A period longer than two years: the problem, on the page, with the form to correct it.
        open("/observatoire?from=2020-01-01&to=" + TO);
        WebElement problem = browser.findElement(By.id("problem"));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.getAttribute("data-problem")).isEqualTo("observatory-range-too-long");
        assertThat(problem.getText()).contains("731");
        assertThat(browser.findElement(By.id("from")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.cssSelector(".region-grid"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Exception");
        screenshot("observatory-05-problem-en");
        HttpResponse<String> refused = Caller.staff(port, "analyste").page("/observatoire?from=2020-01-01&to=" + TO);
        assertThat(refused.statusCode()).isEqualTo(400);

        // The data quality page and the dictionary.
        open("/observatoire/qualite?lang=fr");
        assertThat(browser.findElements(By.cssSelector("table.obs-sources tbody tr"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("table.obs-quarantine tbody tr"))).isNotEmpty();
        accessible();
        screenshot("observatory-06-quality-fr");
        open("/observatoire/dictionnaire");
        assertThat(browser.findElements(By.cssSelector("table.obs-dictionary tbody tr")).size()).isGreaterThan(40);

        // A phone: no sideways scrolling of the page; the tiles become a list.
        open("/observatoire");
        browser.manage().window().setSize(new Dimension(390, 900));
        assertThat(phoneWidth()).as("no sideways scrolling at phone width").isLessThanOrEqualTo(400L);
        screenshot("observatory-07-overview-phone");
    }

    @Test
    @Order(3)
    void clinicStaffSeeTheirClinicAgainstTheirRegionsMedian() {
        browser = Browser.start(1280, 1400);
        open("/clinique/observatoire");
        assertThat(path()).isEqualTo("/personnel/connexion");
        browser.findElement(By.id("username")).sendKeys("clinique.baie");
        browser.findElement(By.id("password")).sendKeys(Caller.STAFF_PASSWORD);
        navigate(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(path()).as("sent to their own clinic's").isEqualTo("/clinique/" + BAIE + "/observatoire");
        String name = directory.clinic(new ca.careorchestrator.core.care.ClinicId(UUID.fromString(BAIE))).orElseThrow().name();
        assertThat(text("h1")).contains(name);
        List<WebElement> rows = browser.findElements(By.cssSelector("table.obs-compare tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(6);
        List<WebElement> offered = rows.getFirst().findElements(By.tagName("td"));
        assertThat(spaces(offered.get(0).getText())).isEqualTo(count(sum("offered", "observatory_clinic_day", "clinic_id = '" + BAIE + "'")));
        assertThat(offered.get(1).getText()).as("the region's median").isNotEqualTo("—");
        assertThat(offered.get(3).getText()).matches("\\d+ sur \\d+");
        assertThat(browser.getPageSource()).as("no other clinic is named").doesNotContain("/observatoire/cliniques/");
        accessible();
        screenshot("observatory-08-clinic-staff-fr");
        browser.manage().window().setSize(new Dimension(390, 900));
        assertThat(phoneWidth()).isLessThanOrEqualTo(400L);
        screenshot("observatory-09-clinic-staff-phone");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The page's width once the charts have followed the window's (Chart.js resizes them when it is told, a moment later). */
    private long phoneWidth() {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
                    .until(driver -> (Long) js("return document.documentElement.scrollWidth;") <= 400L);
        } catch (org.openqa.selenium.TimeoutException stillWide) {
            // the assertion says how wide
        }
        return (Long) js("return document.documentElement.scrollWidth;");
    }

    private long sum(String column, String table, String where) {
        return jdbc.sql("select coalesce(sum(" + column + "), 0) from " + table + " where day between :from and :to and " + where)
                .param("from", FROM).param("to", TO).query(Long.class).single();
    }

    private static String count(long value) {
        return spaces(NumberFormat.getIntegerInstance(Locale.CANADA_FRENCH).format(value));
    }

    /** WebDriver reads a no-break space as a space; French groups digits with one. */
    private static String spaces(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    /** A key figure's value by its label. */
    private String card(String label) {
        return browser.findElements(By.cssSelector(".obs-cards li")).stream()
                .filter(li -> li.findElements(By.tagName("span")).get(1).getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no card " + label)).findElement(By.cssSelector(".figure")).getText().transform(ObservatoryPagesIT::spaces);
    }

    private List<String> crumbs() {
        return browser.findElements(By.cssSelector(".crumbs li")).stream().map(WebElement::getText).toList();
    }

    /** The page's accessibility sanity: one h1, a label for every control, a caption on every table. */
    private void accessible() {
        assertThat(browser.findElements(By.tagName("h1"))).hasSize(1);
        for (WebElement control : browser.findElements(By.cssSelector("main input:not([type=hidden]), main select"))) {
            assertThat(browser.findElements(By.cssSelector("label[for='" + control.getAttribute("id") + "']")))
                    .as("a label for #" + control.getAttribute("id")).hasSize(1);
        }
        for (WebElement table : browser.findElements(By.cssSelector("main table"))) {
            assertThat(table.findElements(By.tagName("caption"))).as("a caption on every table").hasSize(1);
        }
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    private void navigate(WebElement target) {
        Browser.navigate(browser, target);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) {
        Browser.screenshot(browser, name, 6000, Duration.ofMillis(300));
    }
}
