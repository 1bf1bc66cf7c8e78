package ca.careorchestrator.app.web.desk;

import static ca.careorchestrator.app.support.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.desk.DeskQueue;
import ca.careorchestrator.app.desk.QueueEntry;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Browser;
import ca.careorchestrator.app.support.Caller;
import ca.careorchestrator.app.support.TestClock;
import ca.careorchestrator.app.support.Waits;
import ca.careorchestrator.core.geo.RegionCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The access desk on the tiny province (Gaspésie, region 11) with its synthetic backlog and every simulated platform
 * serving its slots: the Gaspésie nurse's queue holds only her region's orphan patients' requests, breaches first; the
 * Estrie nurse is refused each of them (403 {@code desk-other-region}) with nothing changed; booking on a patient's
 * behalf is held with the desk as actor, audited as on behalf and fulfils the request. Then the same in headless
 * Chromium: sign in, the queue, a request, a slot booked on the patient's behalf (screenshots under
 * {@code target/screenshots/desk-*}).
 */
@ExtendWith(Browser.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=2", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1s", "care.ingestion.max-backoff=1s",
        "care.ingestion.circuit-threshold=100", "care.ingestion.timeout=5s",
        "care.desk.seed-requests=true", "care.desk.backlog-share=0.1", "care.desk.inflow-check=1s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessDeskIT {

    @org.springframework.boot.test.context.TestConfiguration
    static class Fixtures {
        /** Moved a day ahead by a test: the daily inflow files when the Quebec day changes. */
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        TestClock testClock() {
            return new TestClock(java.time.Instant.now());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RegionCode GASPESIE = new RegionCode("11");

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-access-desk-it").toString();
        registry.add("care.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    ProvinceLoader loader;
    @Autowired
    PlatformSimulation platforms;
    @Autowired
    Sources sources;
    @Autowired
    Catalog catalog;
    @Autowired
    DeskQueue queue;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    Caller gaspesie;
    Caller estrie;
    ChromeDriver browser;

    @BeforeAll
    void provinceAndBacklog() throws Exception {
        Waits.everySourceUp(loader, platforms, sources);
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).as("the search index is current").isTrue();
        await(Duration.ofSeconds(60), () -> !queue.queue(GASPESIE, DeskQueue.Filter.ALL).isEmpty(), "the desk's backlog is filed");
        gaspesie = Caller.staff(port, "guichet.gaspesie");
        estrie = Caller.staff(port, "guichet.estrie");
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void theQueueHoldsTheRegionsOrphanRequestsMostUrgentFirstWithTheirBreaches() {
        JsonNode rows = json(gaspesie.get("/api/v1/desk/care-requests"), 200);
        assertThat(rows.size()).isGreaterThan(5);
        List<Boolean> breached = new ArrayList<>();
        for (JsonNode row : rows) {
            assertThat(row.get("region").asString()).isEqualTo("11");
            assertThat(row.get("state").asString()).isIn("OPEN", "OFFERED");
            breached.add(row.get("breached").asBoolean());
            if (row.get("breached").asBoolean()) {
                assertThat(row.get("priority").isNull()).as("only a priority has a delay to breach").isFalse();
            }
        }
        assertThat(breached).as("some requests of the six weeks' backlog are past their delay").contains(true);
        assertThat(breached.indexOf(false)).as("breaches come first").isGreaterThan(breached.lastIndexOf(true));

        JsonNode untriaged = json(gaspesie.get("/api/v1/desk/care-requests?priority=none"), 200);
        untriaged.forEach(row -> assertThat(row.get("priority").isNull()).isTrue());
        assertThat(json(gaspesie.get("/api/v1/desk/care-requests?priority=Z"), 400).get("code").asString()).isEqualTo("unknown-priority");
        assertThat(json(estrie.get("/api/v1/desk/care-requests"), 200).size()).as("Estrie's desk sees none of Gaspésie's").isZero();
    }

    @Test
    @Order(2)
    void aDeskOfAnotherRegionIsRefusedEveryActionAndNothingChanges() {
        QueueEntry entry = queue.queue(GASPESIE, DeskQueue.Filter.ALL).stream().filter(e -> e.state().equals("OPEN")).findFirst().orElseThrow();
        String id = entry.id().toString();
        String slot = bookableSlot();

        assertThat(json(estrie.get("/api/v1/desk/care-requests/" + id), 403).get("code").asString()).isEqualTo("desk-other-region");
        assertThat(json(estrie.post("/api/v1/desk/care-requests/" + id + "/book", "{\"slotId\":\"" + slot + "\"}"), 403).get("code").asString())
                .isEqualTo("desk-other-region");
        assertThat(estrie.send("PUT", "/api/v1/care-requests/" + id + "/priority", "{\"priority\":\"A\"}", "application/json", "application/json")
                .statusCode()).isEqualTo(403);
        assertThat(estrie.page("/guichet/demandes/" + id).body()).contains("Demande d&#39;une autre région");

        QueueEntry after = queue.request(entry.id()).orElseThrow();
        assertThat(after.priority()).isEqualTo(entry.priority());
        assertThat(after.state()).isEqualTo("OPEN");
        assertThat(jdbc.sql("select count(*) from booking_hold where slot_id = :slot").param("slot", UUID.fromString(slot)).query(Long.class)
                .single()).as("no hold on the slot").isZero();
        assertThat(jdbc.sql("select count(*) from identity_audit where actor_id = 'guichet.estrie'").query(Long.class).single())
                .as("nothing of the patient was read").isZero();
    }

    @Test
    @Order(3)
    void bookingOnThePatientsBehalfIsHeldByTheDeskAuditedAndFulfilsTheRequest() {
        QueueEntry entry = queue.queue(GASPESIE, DeskQueue.Filter.ALL).stream().filter(e -> e.state().equals("OPEN")).findFirst().orElseThrow();
        String slot = bookableSlot();

        JsonNode opened = json(gaspesie.get("/api/v1/desk/care-requests/" + entry.id()), 200);
        assertThat(opened.get("familyName").asString()).isNotBlank();
        HttpResponse<String> booked = gaspesie.post("/api/v1/desk/care-requests/" + entry.id() + "/book", "{\"slotId\":\"" + slot + "\"}");
        assertThat(booked.statusCode()).as(booked.body()).isIn(201, 202);
        assertThat(json(booked, booked.statusCode()).get("outcome").asString()).isIn("CONFIRMED", "PENDING");

        Map<String, Object> hold = jdbc.sql("select actor_kind, actor_id, patient_ref from booking_hold where slot_id = :slot")
                .param("slot", UUID.fromString(slot)).query().singleRow();
        assertThat(hold.get("actor_kind")).isEqualTo("ACCESS_DESK");
        assertThat(hold.get("actor_id")).isEqualTo("guichet.gaspesie");
        assertThat(hold.get("patient_ref")).isEqualTo(entry.patient().value());
        assertThat(jdbc.sql("""
                        select count(*) from identity_audit
                        where action = 'desk.book.on-behalf' and actor_kind = 'STAFF' and actor_id = 'guichet.gaspesie' and subject_id = :patient
                          and purpose like 'on behalf%'""").param("patient", entry.patient().value()).query(Long.class).single()).isEqualTo(1);
        assertThat(queue.request(entry.id()).orElseThrow().state()).isEqualTo("FULFILLED");
        assertThat(json(gaspesie.post("/api/v1/desk/care-requests/" + entry.id() + "/book", "{\"slotId\":\"" + bookableSlot() + "\"}"), 409)
                .get("code").asString()).isEqualTo("desk-request-not-open");
    }

    @Test
    @Order(4)
    void aNurseSignsInOpensTheQueueAndBooksOnAnOrphanPatientsBehalf() throws IOException {
        browser = Browser.start(1280, 1400);
        open("/guichet");
        assertThat(path()).isEqualTo("/personnel/connexion");
        browser.findElement(By.id("username")).sendKeys("guichet.gaspesie");
        browser.findElement(By.id("password")).sendKeys("demo");
        navigate(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(path()).isEqualTo("/guichet");
        assertThat(js("return document.documentElement.lang;")).isEqualTo("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Guichet d'accès");
        List<WebElement> breaches = browser.findElements(By.cssSelector("tr.breached .breach"));
        assertThat(breaches).isNotEmpty();
        assertThat(breaches.getFirst().getText()).as("a breach is said in words, not colour alone").startsWith("⚠ Dépassé depuis le");
        screenshot("desk-01-queue-fr");

        List<String> links = browser.findElements(By.cssSelector("table.desk-queue tbody tr[data-state=OPEN] a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        WebElement book = null;
        for (String link : links) {
            browser.get(link);
            List<WebElement> buttons = browser.findElements(By.cssSelector(".desk-slots .desk-slot[data-channel=API] button"));
            if (!buttons.isEmpty()) {
                book = buttons.getFirst();
                break;
            }
        }
        assertThat(book).as("a request with a slot its patient may take and the desk may book").isNotNull();
        assertThat(browser.findElement(By.cssSelector(".desk-request .patient")).getText()).isNotBlank();
        screenshot("desk-02-request-fr");
        navigate(book);
        assertThat(browser.findElement(By.cssSelector("p.success")).getText()).isIn(
                "Rendez-vous réservé au nom de la personne ; la demande est satisfaite.",
                "Réservation transmise à la clinique ; la demande est satisfaite.");
        screenshot("desk-03-booked-fr");

        open("/guichet");
        navigate(browser.findElement(By.cssSelector("table.desk-queue tbody tr[data-state=OPEN] a")));
        {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason"))).selectByValue("prescription-renewal");
            navigate(browser.findElement(By.cssSelector("form.desk-orient button[type=submit]")));
            assertThat(browser.findElement(By.cssSelector(".desk-oriented")).getText()).startsWith("Recommandation : Renouvellement d'ordonnance");
            assertThat(browser.findElement(By.id("slots-title")).getText()).endsWith("Renouvellement d'ordonnance");
            screenshot("desk-04-oriented-fr");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason"))).selectByValue("chest-pain");
            navigate(browser.findElement(By.cssSelector("form.desk-orient button[type=submit]")));
            assertThat(browser.findElement(By.cssSelector(".desk-oriented")).getText()).contains("911");
            assertThat(browser.findElements(By.id("slots-title"))).as("a red flag books nothing").isEmpty();
        }

        open("/guichet?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access desk");
        browser.manage().window().setSize(new Dimension(390, 900));
        assertThat((Long) js("return document.documentElement.scrollWidth;")).as("no sideways scrolling of the page at phone width")
                .isLessThanOrEqualTo(400L);
        screenshot("desk-05-queue-en-phone");
    }

    @Test
    @Order(5)
    void eachNewDayBringsAFewUntriagedRequestsPerRegion() {
        long before = requests();
        clock.advance(Duration.ofDays(1));
        java.time.Instant newDay = clock.instant();
        await(Duration.ofSeconds(30), () -> requests() > before, "the new day's requests are filed");
        long filedToday = jdbc.sql("select count(*) from waitlist_request where filed_at >= :day and priority is null")
                .param("day", java.sql.Timestamp.from(newDay)).query(Long.class).single();
        assertThat(requests() - before).as("at most 4 a day in the one region (a patient already waiting is skipped)").isBetween(1L, 4L);
        assertThat(filedToday).isEqualTo(requests() - before);
    }

    private long requests() {
        return jdbc.sql("select count(*) from waitlist_request").query(Long.class).single();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A free slot of the region booked through the API channel (booked here, not handed over), from tomorrow. */
    private String bookableSlot() {
        JsonNode items = json(Caller.anonymous(port).get("/api/v1/slots?region=11&size=100&from=" + LocalDate.now().plusDays(2)), 200).get("items");
        List<String> free = new ArrayList<>();
        for (JsonNode slot : items) {
            if (slot.get("booking").get("bookHere").asBoolean()) {
                free.add(slot.get("id").asString());
            }
        }
        assertThat(free).isNotEmpty();
        String chosen = free.get(usedSlots % free.size());
        usedSlots++;
        return chosen;
    }

    private int usedSlots;

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
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
        Browser.screenshot(browser, name, 4000, Duration.ZERO);
    }
}
