package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.monitor.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the rendered fixture report in real headless Chromium (Debian's chromium and chromium-driver):
 * the page must lay out, load nothing, and log no console error. Leaves screenshots in target/screenshots.
 */
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void reportRendersInHeadlessChromiumWithoutConsoleErrors(@TempDir Path dir) throws Exception {
        // Fail, not skip: a silently skipped browser test would hide a broken page.
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": install the Debian packages with 'apt-get install -y chromium chromium-driver'");
        Path page = ReportRenderer.write(Fixture.results(), Fixture.path(), dir.resolve("report"), DetectionTest.threeRuns(),
                ScaleView.load(ScaleViewTest.fixture()));

        ChromeDriver browser = start(dir.resolve("profile"));
        try {
            browser.get(page.toUri().toString());

            List<WebElement> ruleHeaders = browser.findElements(By.cssSelector("table.matrix th.rule"));
            assertEquals(Rule.values().length, ruleHeaders.size(), "one column per rule, the FAULT family's included");
            assertTrue(ruleHeaders.stream().allMatch(h -> h.isDisplayed() && h.getSize().getWidth() > 0), "rule columns laid out");
            assertEquals(4, browser.findElements(By.cssSelector("table.matrix tbody tr")).size());
            Number matrixWidth = (Number) browser.executeScript("return document.querySelector('.matrix-wrap').scrollWidth");
            Number shownWidth = (Number) browser.executeScript("return document.querySelector('.matrix-wrap').clientWidth");
            assertTrue(matrixWidth.intValue() <= shownWidth.intValue(),
                    "every rule column fits a 1400 px window: " + matrixWidth + " > " + shownWidth);
            assertEquals("rgba(255, 235, 233, 1)",
                    browser.findElement(By.cssSelector("table.matrix td.verdict.missed")).getCssValue("background-color"),
                    "the inline CSS colours a missed verdict");

            WebElement finding = browser.findElement(By.id("design-1-finding-0"));
            WebElement lane = finding.findElements(By.cssSelector("table.lanes thead th")).get(2);
            WebElement event = finding.findElement(By.xpath(".//span[@class='ev' and text()='Complete(3)']"));
            assertEquals("InterruptQueue", lane.getText());
            int eventCentre = event.getLocation().getX() + event.getSize().getWidth() / 2;
            assertTrue(eventCentre > lane.getLocation().getX() && eventCentre < lane.getLocation().getX() + lane.getSize().getWidth(),
                    "the event is drawn in its lane's column");
            assertTrue(finding.findElement(By.cssSelector("tr.violation")).isDisplayed());

            WebElement detection = browser.findElement(By.id("detection"));
            assertEquals(2, detection.findElements(By.cssSelector("table")).get(1).findElements(By.cssSelector("tbody tr")).size());
            List<WebElement> detectionBars = detection.findElements(By.cssSelector("svg.chart rect"));
            assertEquals(2, detectionBars.size(), "one bar per wrong design and engine that found it");
            assertTrue(detectionBars.stream().allMatch(b -> b.getSize().getWidth() > 0), "the detection bars are drawn");
            WebElement scale = browser.findElement(By.id("scale"));
            assertEquals(2, scale.findElements(By.cssSelector("svg.chart")).size());
            assertTrue(scale.findElements(By.cssSelector("svg.chart rect")).stream().allMatch(b -> b.isDisplayed()), "the scale bars are drawn");

            assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource').length"),
                    "the page loads nothing");

            List<String> errors = errors(browser);
            saveScreenshots(browser, finding);
            Files.write(SCREENSHOTS.resolve("detection.png"), detection.getScreenshotAs(OutputType.BYTES));
            Files.write(SCREENSHOTS.resolve("scale.png"), scale.getScreenshotAs(OutputType.BYTES));
            assertEquals(List.of(), errors, "console errors");

            // The log must be able to catch an error, or the check above proves nothing.
            browser.executeScript("console.error('dextrace probe')");
            assertTrue(errors(browser).stream().anyMatch(e -> e.contains("dextrace probe")), "console errors are captured");
        } finally {
            browser.quit();
        }
    }

    /** A real bug's card: attempt 2's SLOT-5, grouped, shrunk and replayed with source lines, as a campaign shows it. */
    @Test
    void aShrunkBugCardShowsItsKeyEventsWithSourceLines(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the browser test needs chromium");
        Results.Design raw = new Results.Design("attempt2-bundled-isr", "Attempt 2", Results.Declared.VIOLATES, List.of("SLOT-5"),
                List.of("SLOT-5"), Results.Grade.AS_EXPECTED, Map.of(), List.of(BugsTest.engineFinding(dir.resolve("work"))));
        Path report = dir.resolve("report");
        Results results = Bugs.group(new Results(1, "2026-11-30T00:00:00Z", 1L, Map.of(), null, Map.of(), List.of(raw)), report);
        Path json = report.resolve("results.json");
        ResultsIO.write(results, json);
        Path page = ReportRenderer.write(results, json, report);
        ChromeDriver browser = start(dir.resolve("profile"));
        try {
            browser.get(page.toUri().toString());
            WebElement card = browser.findElement(By.id("design-0-finding-0"));
            List<WebElement> drawn = card.findElements(By.cssSelector("table.lanes")).get(0).findElements(By.cssSelector("span.ev"));
            assertTrue(drawn.size() <= Bugs.KEY_EVENTS && drawn.stream().allMatch(WebElement::isDisplayed), drawn.size() + " lane events");
            assertTrue(card.findElements(By.cssSelector("span.src")).stream().filter(WebElement::isDisplayed)
                    .anyMatch(s -> s.getText().startsWith("Attempt2BundledIsr.java:")), "source lines beside the events");
            assertTrue(card.findElement(By.cssSelector(".consequence")).getText().contains("On a Mac"));
            assertTrue(card.findElement(By.cssSelector("div.cmd code")).getText().contains("-D" + dev.dextrace.model.replay.ReplayCommand.PROPERTY + "=replays/"));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("bug-card.png"), card.getScreenshotAs(OutputType.BYTES));
            assertEquals(List.of(), errors(browser), "console errors");
        } finally {
            browser.quit();
        }
    }

    private static ChromeDriver start(Path profile) {
        // An explicit driver and binary, so Selenium Manager never tries to download either.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static List<String> errors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /** The whole page (through DevTools, beyond the window), the first screenful, the matrix, a histogram and a finding. */
    private static void saveScreenshots(ChromeDriver browser, WebElement finding) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve("report.png"), Base64.getDecoder().decode((String) shot.get("data")));
        browser.executeScript("window.scrollTo(0, 0)");
        Files.write(SCREENSHOTS.resolve("top.png"), browser.getScreenshotAs(OutputType.BYTES));
        Files.write(SCREENSHOTS.resolve("matrix.png"),
                browser.findElement(By.id("matrix")).getScreenshotAs(OutputType.BYTES));
        Files.write(SCREENSHOTS.resolve("finding.png"), finding.getScreenshotAs(OutputType.BYTES));
        Files.write(SCREENSHOTS.resolve("histogram.png"),
                browser.findElement(By.cssSelector("#design-1 figure")).getScreenshotAs(OutputType.BYTES));
    }
}
