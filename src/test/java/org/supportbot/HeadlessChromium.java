package org.supportbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its own chromedriver ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}) so Selenium Manager never downloads anything. Each instance has a
 * throw-away profile. Without the packages a test fails (never skips) and says how to install them.
 * Screenshots go to {@code target/screenshots/}.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    private final Path profile;
    private final WebDriver driver;

    private HeadlessChromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Fails, before any application starts, when the browser is not installed. */
    public static void requireInstalled() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need headless Chromium at %s and its driver at %s; install them with: %s",
                        CHROMIUM, CHROMEDRIVER, INSTALL)
                .isTrue();
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    }

    /**
     * Starts a browser.
     *
     * @param language the browser's language, e.g. {@code ru-RU}
     */
    public static HeadlessChromium start(String language, int width, int height) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + "," + language.substring(0, 2)));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessChromium(profile, new ChromeDriver(service, options));
        } catch (WebDriverException e) {
            throw new AssertionError("headless Chromium did not start (" + CHROMIUM + " with " + CHROMEDRIVER
                    + "); install or repair it with: " + INSTALL, e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows to {@code target/screenshots/<file>}. */
    public void screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
