package ca.careorchestrator.app.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The installed headless Chromium the browser tests drive ({@code /usr/bin/chromium} through
 * {@code /usr/bin/chromedriver}, Debian packages; {@code -Dchromium.binary} and {@code -Dchromium.driver} point
 * elsewhere). Selenium Manager never runs: both paths are given before a driver is made, so nothing is downloaded.
 * Without them the browser tests are skipped with a notice (checked before Spring starts), unless
 * {@code REQUIRE_BROWSER=1} (CI), where a missing browser fails the run.
 */
public final class Browser implements ExecutionCondition {

    public static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    public static boolean required() {
        return "1".equals(System.getenv("REQUIRE_BROWSER"));
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** Runs the test class when the browser is there, or when it is required (then {@link #start} fails loudly). */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed() || required()) {
            return ConditionEvaluationResult.enabled("Chromium at " + BINARY + ", chromedriver at " + DRIVER);
        }
        String message = "Chromium or chromedriver missing (" + BINARY + ", " + DRIVER + ")";
        System.err.println("NOTICE: " + message + ": browser tests SKIPPED. Set REQUIRE_BROWSER=1 to make this an error.");
        return ConditionEvaluationResult.disabled(message);
    }

    /** A headless Chromium, {@code width} x {@code height} CSS pixels. */
    public static ChromeDriver start(int width, int height) {
        if (!installed()) {
            throw new AssertionError("Chromium or chromedriver missing (" + BINARY + ", " + DRIVER
                    + ") and REQUIRE_BROWSER=1: browser tests are required here");
        }
        // Set before any driver exists: Selenium then uses this chromedriver and never starts Selenium Manager.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--lang=fr-CA");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * Clicks what leads to another page and waits until that page replaced this one and finished loading: a click
     * returns as soon as the browser took it, and a form's POST and redirect can still be under way. The old page's
     * root going stale can also be reported as "node does not belong to the document" while the new one loads.
     */
    public static void navigate(ChromeDriver browser, org.openqa.selenium.WebElement target) {
        org.openqa.selenium.WebElement page = browser.findElement(org.openqa.selenium.By.tagName("html"));
        target.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException replaced) {
                return replaced.getMessage() != null && replaced.getMessage().contains("does not belong to the document");
            }
        });
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** Where the browser tests write their screenshots (the README's are copied to docs/screenshots from there). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * A screenshot of the whole page as {@code SCREENSHOTS/name.png}: the window made as tall as the page down to its
     * footer (at most {@code maxHeight}), scrolled to the top, focus removed, then given back its size. {@code settle}:
     * how long to let the page redraw at the new size (charts do) before the picture.
     */
    public static void screenshot(ChromeDriver browser, String name, int maxHeight, Duration settle) {
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        long page = (Long) browser.executeScript("return Math.ceil(document.querySelector('footer').getBoundingClientRect().bottom + window.scrollY);");
        long chrome = (Long) browser.executeScript("return window.outerHeight - window.innerHeight;");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(maxHeight, Math.max(400, page + chrome))));
        try {
            browser.executeScript("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();");
            Thread.sleep(settle.toMillis());
            write(name, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** Writes {@code png} as {@code SCREENSHOTS/name.png}. */
    public static void write(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
