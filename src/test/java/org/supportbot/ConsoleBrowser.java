package org.supportbot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test, with the waits and steps the browser tests share: signing in to the
 * operator console, opening a ticket, opening the web chat. Register it on an instance field with
 * {@code @RegisterExtension}; the browser starts before each test and closes after it.
 */
public final class ConsoleBrowser implements BeforeEachCallback, AfterEachCallback {

    /** How long any step may take before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final String language;
    private final int width;
    private final int height;
    private HeadlessChromium chromium;
    private WebDriverWait wait;

    public ConsoleBrowser(String language, int width, int height) {
        this.language = language;
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        chromium = HeadlessChromium.start(language, width, height);
        wait = new WebDriverWait(chromium.driver(), WAIT);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    public WebDriver driver() {
        return chromium.driver();
    }

    /** The browser's wait ({@link #WAIT}). */
    public WebDriverWait await() {
        return wait;
    }

    public JavascriptExecutor js() {
        return (JavascriptExecutor) chromium.driver();
    }

    public WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Saves what the browser shows to {@code target/screenshots/<file>}. */
    public void screenshot(String file) {
        chromium.screenshot(file);
    }

    /** Saves a screenshot and, when the folder named by {@code SCREENSHOTS_DIR} exists, a copy there for reviewers. */
    public void publishScreenshot(String file) throws IOException {
        screenshot(file);
        var shared = System.getenv("SCREENSHOTS_DIR");
        if (shared != null && Files.isDirectory(Path.of(shared))) {
            Files.copy(HeadlessChromium.SCREENSHOTS.resolve(file), Path.of(shared).resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Signs in to the operator console at {@code base}, from its login page (loaded unless already shown),
     * and waits until either the login notice shows or the console has loaded the operator.
     */
    public void signIn(String base, String login, String password) {
        var browser = driver();
        if (browser.findElements(By.id("username")).isEmpty()) {
            browser.get(base + "/operator/login");
        }
        var user = visible(By.id("username"));
        user.clear();
        user.sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        var form = browser.findElement(By.id("sign-in"));
        form.click();
        // The form posts and the browser loads the next page: until it has, every element found belongs to this
        // page and goes stale under the wait (and a notice still shown here would pass for the answer).
        // Chromium may report a node of the page being left as "does not belong to the document" rather than stale.
        wait.until(d -> {
            try {
                form.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        // Either the form is back with a notice, or the console has loaded the operator; each look finds its element anew.
        wait.ignoring(StaleElementReferenceException.class).until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("login-notice")),
                d -> !d.findElement(By.id("me")).getDomProperty("textContent").isEmpty()));
    }

    /** Opens ticket {@code number} from the console's lists and waits for its conversation. */
    public void open(long number) {
        var item = By.cssSelector("li[data-ticket='" + number + "'] button");
        visible(item);
        // A live update may redraw the list between finding the item and clicking it: then find it again.
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(item).click();
            return true;
        });
        waitForText(By.id("conv-title"), "#" + number);
    }

    /** Opens the web chat at {@code url} and waits for the bot's first message. */
    public void openChat(String url) {
        driver().get(url);
        wait.until(d -> !d.findElements(By.cssSelector("#messages .msg.bot")).isEmpty());
    }
}
