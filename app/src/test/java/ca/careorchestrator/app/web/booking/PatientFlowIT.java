package ca.careorchestrator.app.web.booking;

import static org.assertj.core.api.Assertions.assertThat;

import ca.careorchestrator.app.catalog.Catalog;
import ca.careorchestrator.app.ingestion.SourceStatus;
import ca.careorchestrator.app.ingestion.Sources;
import ca.careorchestrator.app.provisioning.ProvinceLoader;
import ca.careorchestrator.app.simulation.PlatformSimulation;
import ca.careorchestrator.app.support.Browser;
import ca.careorchestrator.app.support.Mailbox;
import ca.careorchestrator.app.support.Residents;
import ca.careorchestrator.simulator.province.Preset;
import ca.careorchestrator.simulator.province.Resident;
import ca.careorchestrator.app.support.Loads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * The patient's whole booking flow in a real headless Chromium against the running application, on the embedded
 * database, with every simulated platform of the tiny province on its own port: the booking really goes to the
 * source. French first, then English, then a phone-sized screen. Each step leaves a screenshot under
 * {@code target/screenshots} (the reviewed set is kept in {@code docs/screenshots}), and each page passes an
 * accessibility sanity check: its language, one h1, a label on every control, a visible keyboard focus.
 */
@ExtendWith(Browser.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "care.provisioning.preset=tiny", "care.provisioning.weeks=1", "care.provisioning.slots=sources",
        "care.simulation.tick=1h", "care.simulation.desk-bookings-per-hour=0", "care.simulation.cancellations-per-hour=0",
        "care.simulation.withdrawals-per-hour=0", "care.ingestion.poll-interval=1s", "care.ingestion.max-backoff=1s",
        "care.ingestion.circuit-threshold=100", "care.ingestion.timeout=5s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatientFlowIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A resident of the province this application provisioned (same generator, same spec): the registry knows her. */
    private static final Resident RESIDENT = Residents.of(Preset.TINY, 1).getFirst();
    private static final ca.careorchestrator.core.patient.Patient PERSON = RESIDENT.patient();
    private static final LocalDate BORN = PERSON.birthDate();
    private static final String NAM = PERSON.nam().value();
    private static Mailbox mailbox;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("care-patient-flow-it").toString();
        registry.add("care.data-dir", () -> dir);
        mailbox = Mailbox.startFor(registry);
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

    ChromeDriver browser;
    String resultsUrl;
    String bookedSlot;
    String holdUrl;

    @BeforeAll
    void everySourceUpAndABrowser() throws Exception {
        Loads.awaitReady(loader);
        await(Duration.ofSeconds(60), () -> platforms.simulation().isPresent(), "the simulation starts");
        int servers = platforms.simulation().orElseThrow().servers().size();
        await(Duration.ofSeconds(180), () -> sources.statuses().size() == servers
                && sources.statuses().stream().allMatch(s -> s.phase() == SourceStatus.Phase.UP), "every source has been read once");
        assertThat(catalog.awaitCurrent(Duration.ofSeconds(60))).as("the search index is current").isTrue();
        browser = Browser.start(1280, 1400);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    @Order(1)
    void theHomePageLeadsToTheSearchAndTheSearchShowsHowEachSlotIsBooked() {
        open("/");
        navigate(browser.findElement(By.cssSelector("main .cta a")));
        assertThat(path()).isEqualTo("/rendez-vous");
        assertAccessible("fr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Trouver un rendez-vous");
        screenshot("booking-01-search-fr");

        navigate(browser.findElement(By.cssSelector("form.search button[type=submit]")));
        List<WebElement> cards = browser.findElements(By.cssSelector(".results .slot-card"));
        assertThat(cards).hasSize(SlotSearchPage.PAGE_SIZE);
        for (WebElement card : cards) {
            assertThat(card.findElement(By.cssSelector(".clinic")).getText()).as("each result names its clinic").isNotBlank();
            assertThat(card.findElement(By.cssSelector(".badge.channel")).getText()).as("each result says how it is booked")
                    .isIn("Réserver ici", "Sur le site de la plateforme", "Par téléphone");
            assertThat(card.findElement(By.tagName("time")).getText()).matches("\\p{L}+ \\d{1,2} \\p{L}+ \\d{4}, \\d{1,2} h \\d{2}");
        }
        assertThat(browser.findElements(By.cssSelector(".pager a[rel=next]"))).as("more than one page").hasSize(1);
        assertAccessible("fr");
        resultsUrl = browser.getCurrentUrl();
        screenshot("booking-02-results-fr");
    }

    @Test
    @Order(2)
    void aBadNamIsRefusedInFrenchAndNeverShownBack() {
        browser.get(resultsUrl);
        WebElement first = browser.findElements(By.cssSelector(".results .slot-card[data-channel=API]")).getFirst();
        bookedSlot = first.getAttribute("data-slot");
        navigate(first.findElement(By.cssSelector("a.button")));
        assertThat(path()).isEqualTo("/rendez-vous/plage/" + bookedSlot);
        assertThat(browser.findElement(By.cssSelector(".details .badge.channel")).getText()).isEqualTo("Réserver ici");
        assertAccessible("fr");
        screenshot("booking-03-slot-fr");

        navigate(browser.findElement(By.id("sign-in-to-hold")));
        assertThat(path()).isEqualTo("/connexion");
        assertAccessible("fr");
        screenshot("booking-04a-sign-in-fr");
        String wrongCheckDigit = NAM.substring(0, 11) + (char) ('0' + (NAM.charAt(11) - '0' + 1) % 10);
        identify(wrongCheckDigit, BORN.toString());
        navigate(browser.findElement(By.id("send-code")));

        WebElement problem = browser.findElement(By.id("problem"));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.getAttribute("data-problem")).isEqualTo("nam-check-digit");
        assertThat(problem.findElement(By.tagName("h2")).getText()).isEqualTo("Numéro d'assurance maladie invalide");
        assertThat(browser.findElement(By.id("nam")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("nam")).getAttribute("aria-describedby")).contains("problem");
        assertThat(js("return document.activeElement.id;")).as("focus on the field in error").isEqualTo("nam");
        assertThat(browser.findElement(By.id("nam")).getAttribute("value")).as("a NAM is never written back into a page").isEmpty();
        assertThat(browser.findElement(By.id("birthDate")).getAttribute("value")).isEqualTo(BORN.toString());
        assertThat(browser.getPageSource()).doesNotContain(wrongCheckDigit);
        assertAccessible("fr");
        screenshot("booking-04-bad-nam-fr");
    }

    @Test
    @Order(3)
    void signingInWithTheCodeSentByEmailThenHoldsTheSlotWithACountdown() throws Exception {
        identify(NAM, BORN.toString());
        navigate(browser.findElement(By.id("send-code")));
        assertThat(path()).isEqualTo("/connexion/code");
        assertAccessible("fr");
        String code = mailbox.awaitCode(RESIDENT.email(), 1);
        assertThat(Mailbox.subject(mailbox.to(RESIDENT.email()).getFirst())).isIn("Votre code de connexion", "Your sign-in code");

        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        type("code", wrong);
        navigate(browser.findElement(By.id("verify-code")));
        assertThat(browser.findElement(By.id("problem")).getAttribute("data-problem")).isEqualTo("sign-in-code-wrong");
        assertThat(browser.findElement(By.id("problem")).getText()).contains("4 essai");
        assertThat(js("return document.activeElement.id;")).isEqualTo("code");
        assertAccessible("fr");
        screenshot("booking-04b-wrong-code-fr");

        type("code", code);
        navigate(browser.findElement(By.id("verify-code")));
        assertThat(path()).as("back to the slot").isEqualTo("/rendez-vous/plage/" + bookedSlot);
        assertThat(browser.findElement(By.cssSelector("form.identity")).getText()).contains(PERSON.givenName() + " " + PERSON.familyName());
        navigate(browser.findElement(By.cssSelector("form.identity button[type=submit]")));

        assertThat(path()).startsWith("/rendez-vous/retenue/");
        holdUrl = browser.getCurrentUrl();
        assertThat(holdUrl).as("the session travels in a cookie, never in the address").doesNotContain("jsessionid");
        assertThat(holdUrl).doesNotContain(NAM);
        assertThat(browser.getPageSource()).doesNotContain(NAM);
        WebElement countdown = browser.findElement(By.cssSelector("[data-countdown]"));
        assertThat(countdown.findElement(By.cssSelector("[data-spoken]")).getAttribute("aria-live")).isEqualTo("polite");
        WebElement clock = countdown.findElement(By.cssSelector("[data-clock]"));
        String before = clock.getText();
        assertThat(before).matches("[45] min \\d{2} s");
        Thread.sleep(2_100);
        assertThat(clock.getText()).as("the countdown ticks").isNotEqualTo(before).matches("4 min \\d{2} s");
        assertThat(slotState(bookedSlot)).isEqualTo("HELD");
        assertAccessible("fr");
        screenshot("booking-05-hold-fr");
    }

    @Test
    @Order(4)
    void aSecondHoldBySamePatientIsRefusedWithALinkToTheFirst() {
        browser.get(resultsUrl);
        WebElement other = browser.findElements(By.cssSelector(".results .slot-card[data-channel=API]")).stream()
                .filter(card -> !bookedSlot.equals(card.getAttribute("data-slot"))).findFirst().orElseThrow();
        navigate(other.findElement(By.cssSelector("a.button")));
        assertThat(browser.findElement(By.cssSelector("form.identity")).getText()).as("the session knows the patient")
                .contains(PERSON.givenName() + " " + PERSON.familyName());
        navigate(browser.findElement(By.cssSelector("form.identity button[type=submit]")));

        WebElement problem = browser.findElement(By.id("problem"));
        assertThat(problem.getAttribute("data-problem")).isEqualTo("hold-already-live");
        assertThat(problem.findElement(By.tagName("h2")).getText()).isEqualTo("Une plage est déjà retenue");
        assertAccessible("fr");
        screenshot("booking-06-already-holding-fr");

        navigate(browser.findElement(By.cssSelector(".notice a")));
        assertThat(browser.getCurrentUrl()).isEqualTo(holdUrl);
        assertThat(browser.getCurrentUrl()).doesNotContain("jsessionid");
    }

    @Test
    @Order(5)
    void confirmingBooksOnTheSourceAndMyAppointmentsListsIt() throws Exception {
        navigate(browser.findElement(By.cssSelector(".actions form[action$='/confirmer'] button")));

        WebElement main = browser.findElement(By.id("main"));
        assertThat(main.getAttribute("data-outcome")).isEqualTo("CONFIRMED");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Rendez-vous confirmé");
        assertThat(browser.findElement(By.cssSelector("[data-state]")).getAttribute("data-state")).isEqualTo("CONFIRMED");
        assertThat(slotState(bookedSlot)).isEqualTo("BOOKED");
        assertAccessible("fr");
        screenshot("booking-07-confirmed-fr");

        navigate(browser.findElement(By.cssSelector("header nav a[href='/mes-rendez-vous']")));
        WebElement row = browser.findElement(By.cssSelector("tr[data-slot='" + bookedSlot + "']"));
        assertThat(row.findElement(By.cssSelector("[data-state]")).getText()).isEqualTo("Confirmé");
        assertAccessible("fr");
        screenshot("booking-08-appointments-fr");
    }

    @Test
    @Order(6)
    void cancellingFreesTheSlotAtTheSource() throws Exception {
        navigate(browser.findElement(By.cssSelector("tr[data-slot='" + bookedSlot + "'] form button")));

        assertThat(browser.findElement(By.cssSelector("[data-notice]")).getAttribute("data-notice")).isEqualTo("cancelled");
        WebElement row = browser.findElement(By.cssSelector("tr[data-slot='" + bookedSlot + "']"));
        assertThat(row.findElement(By.cssSelector("[data-state]")).getAttribute("data-state")).isEqualTo("CANCELLED");
        assertThat(row.findElements(By.tagName("button"))).as("nothing left to cancel").isEmpty();
        await(Duration.ofSeconds(30), () -> slotState(bookedSlot).equals("FREE"), "the slot is free again");
        assertAccessible("fr");
        screenshot("booking-09-cancelled-fr");
    }

    @Test
    @Order(7)
    void myAppointmentsAsksToSignInAgainAfterSigningOut() {
        navigate(browser.findElement(By.cssSelector("form[action='/mes-rendez-vous/oublier'] button")));
        open("/mes-rendez-vous");
        assertThat(path()).isEqualTo("/connexion");
        assertThat(browser.findElements(By.cssSelector("table"))).isEmpty();
        identify(NAM, BORN.toString());
        assertAccessible("fr");
        screenshot("booking-10-identify-fr");
        navigate(browser.findElement(By.id("send-code")));
        type("code", mailbox.awaitCode(RESIDENT.email(), 2));
        navigate(browser.findElement(By.id("verify-code")));
        assertThat(path()).isEqualTo("/mes-rendez-vous");
        assertThat(browser.findElement(By.cssSelector("tr[data-slot='" + bookedSlot + "'] [data-state]")).getAttribute("data-state"))
                .isEqualTo("CANCELLED");
    }

    @Test
    @Order(8)
    void theSearchSpeaksEnglishOnRequest() {
        open("/rendez-vous?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Find an appointment");
        navigate(browser.findElement(By.cssSelector("form.search button[type=submit]")));
        List<WebElement> badges = browser.findElements(By.cssSelector(".results .slot-card .badge.channel"));
        assertThat(badges).isNotEmpty().allSatisfy(b -> assertThat(b.getText()).isIn("Book here", "On the platform's site", "By phone"));
        assertThat(browser.findElement(By.cssSelector(".results time")).getText()).matches("\\p{L}+, \\p{L}+ \\d{1,2}, \\d{4}, .+");
        assertAccessible("en");
        screenshot("booking-11-results-en");
        open("/rendez-vous?lang=fr");
    }

    @Test
    @Order(9)
    void theResultsFitAPhone() {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(resultsUrl);
            assertThat(browser.findElements(By.cssSelector(".results .slot-card"))).isNotEmpty();
            long overflow = (Long) js("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
            js("document.querySelector('.results').scrollIntoView();");
            byte[] png = browser.getScreenshotAs(OutputType.BYTES);
            Browser.write("booking-12-results-phone-fr", png);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1400));
        }
    }

    /**
     * Issue #6: the questionnaire recommends a service, professions in order and a delay, says why, and its search (the
     * first profession that has a slot booked here) ends in a booking on the source.
     */
    @Test
    @Order(10)
    void anOrientationRecommendsAServiceWhoseSearchEndsInABooking() {
        open("/orientation");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Quel service me convient ?");
        assertAccessible("fr");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason"))).selectByValue("chronic-follow-up");
        type("age", "58");
        browser.findElement(By.id("pregnant-no")).click();
        browser.findElement(By.id("chronic-yes")).click();
        browser.findElement(By.id("registered-no")).click();
        screenshot("orientation-01-questions-fr");
        navigate(browser.findElement(By.cssSelector("form.orientation button[type=submit]")));

        WebElement recommendation = browser.findElement(By.cssSelector("section.recommendation"));
        assertThat(recommendation.getText()).contains("Suivi", "IPS");
        assertThat(browser.findElement(By.id("main")).getText()).contains("R19", "pas un diagnostic");
        assertAccessible("fr");
        screenshot("orientation-02-recommendation-fr");

        List<String> searches = recommendation.findElements(By.cssSelector("ol.searches a")).stream().map(a -> a.getAttribute("href")).toList();
        assertThat(searches).hasSize(2).allSatisfy(href -> assertThat(href).contains("service=follow-up"));
        WebElement card = null;
        for (String search : searches) {
            browser.get(search);
            List<WebElement> here = browser.findElements(By.cssSelector(".results .slot-card[data-channel=API]"));
            if (!here.isEmpty()) {
                card = here.getFirst();
                break;
            }
        }
        assertThat(card).as("a follow-up slot booked here, for a nurse practitioner or a physician, within 14 days").isNotNull();
        String slot = card.getAttribute("data-slot");
        navigate(card.findElement(By.cssSelector("a.button")));
        navigate(browser.findElement(By.cssSelector("form.identity button[type=submit]")));
        assertThat(path()).startsWith("/rendez-vous/retenue/");
        navigate(browser.findElement(By.cssSelector(".actions form[action$='/confirmer'] button")));

        assertThat(browser.findElement(By.id("main")).getAttribute("data-outcome")).isEqualTo("CONFIRMED");
        assertThat(slotState(slot)).isEqualTo("BOOKED");
        screenshot("orientation-03-booked-fr");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Clicks what leads to another page and waits for it (see {@link Browser#navigate}). */
    private void navigate(WebElement target) {
        Browser.navigate(browser, target);
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    private String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    /** Fills the sign-in form for {@link #RESIDENT}: the NAM given, her birth date and sex, the code by e-mail. */
    private void identify(String nam, String birthDate) {
        type("nam", nam);
        type("birthDate", birthDate);
        browser.findElement(By.id(PERSON.sex() == ca.careorchestrator.core.patient.Sex.FEMALE ? "sex-female" : "sex-male")).click();
        browser.findElement(By.id("channel-email")).click();
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** The page's language, one h1, a label on every control, and a visible outline on each of the first tab stops. */
    @SuppressWarnings("unchecked")
    private void assertAccessible(String language) {
        assertThat(js("return document.documentElement.lang;")).as("html lang").isEqualTo(language);
        assertThat((Long) js("return document.querySelectorAll('h1').length;")).as("one h1").isEqualTo(1L);
        List<String> unlabelled = (List<String>) js("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.outerHTML);""");
        assertThat(unlabelled).as("controls without a label").isEmpty();
        js("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); document.body.focus();");
        for (int i = 0; i < 8; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            String style = (String) js("""
                    const e = document.activeElement; const s = getComputedStyle(e);
                    return e === document.body ? 'body' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + e.tagName;""");
            assertThat(style).as("tab stop %d shows its focus", i + 1).doesNotStartWith("none").doesNotContain(" 0px ");
        }
    }

    /** The whole page as a PNG (the window grows to the page's height for the shot). */
    private void screenshot(String name) {
        Browser.screenshot(browser, name, 4000, Duration.ZERO);
    }

    private String slotState(String slot) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/slots/" + slot))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).get("state").asString();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
