package org.kfm.projection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium driven by the system chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by bin/test): Selenium Manager is never asked for anything, and
 * the browser is started with its own fresh profile and without any of its background traffic. Keeps
 * the browser's console and network logs so a test can assert on them.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> requested = new ArrayList<>();

    Browser() {
        try {
            profile = Files.createTempDirectory("kfm-chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /** True when both the browser and its driver are where Debian puts them. */
    static boolean installed() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    void width(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).withMessage(what).pollingEvery(Duration.ofMillis(100))
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /**
     * The page re-renders its bands as data arrives, so elements are read and clicked by id at the
     * moment of use: text and attributes through script, clicks retried on a stale element.
     */
    String text(String id) {
        return (String) js("var e = document.getElementById(arguments[0]); return e ? e.innerText : null", id);
    }

    String attribute(String id, String name) {
        return (String) js("var e = document.getElementById(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                id, name);
    }

    void click(String id) {
        for (int i = 0;; i++) {
            try {
                byId(id).click();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (i == 5) {
                    throw e;
                }
            }
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the window shows under target/console-screenshots/. */
    Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "console-screenshots");
            Files.createDirectories(dir);
            Path out = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every console message the page logged at level SEVERE (errors) since the browser started. */
    List<String> consoleErrors() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /**
     * Every URL the page asked for since the browser started (DevTools' Network.requestWillBeSent),
     * leaving out the browser's own chrome:// pages (its start page), which never reach a network.
     */
    List<String> requestedUrls() {
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode m = JSON.readTree(e.getMessage()).path("message");
                String url = m.path("params").path("request").path("url").asText();
                if ("Network.requestWillBeSent".equals(m.path("method").asText()) && !url.startsWith("chrome://")) {
                    requested.add(url);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
