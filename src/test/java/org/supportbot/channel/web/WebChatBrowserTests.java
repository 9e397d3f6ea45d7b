package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;

/**
 * The web chat page in a real headless Chromium against the whole app and the repository's own
 * {@code intents/} and {@code knowledge-base/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (see {@link HeadlessChromium}).
 * Screenshots of a whole conversation go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/web-chat-browser-tests",
        "supportbot.content.hot-reload=false",
        // Every test is a new page.driver(), so a new web session, all from this machine's address.
        "supportbot.limits.new-sessions-per-minute=1000",
        // Selenium 4.43 ships CDP bindings up to v147 and warns on every start of a newer Chromium; no test uses CDP.
        "logging.level.org.openqa.selenium.devtools=ERROR",
        "logging.level.org.openqa.selenium.chromium=ERROR"})
class WebChatBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]");

    @LocalServerPort
    private int port;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1280, 800);

    /** Fails (never skips) every test, before the app starts, when the page.driver() is not installed. */
    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.requireInstalled();
    }

    @Test
    void greetsTheCustomerWithQuickRepliesWhenThePageLoads() {
        var greeting = openChat();

        assertThat(greeting).as("the bot's answer to /start").isNotBlank();
        assertThat(quickReplies()).as("quick replies under the greeting").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(button -> assertThat(button.getText()).isNotBlank());
        assertThat(page.driver().findElements(By.cssSelector("#messages .msg.customer")))
                .as("/start is sent for the customer, not shown as their message").isEmpty();
        assertThat(page.driver().findElement(By.id("handoff-banner")).isDisplayed()).isFalse();
        screenshot("web-chat-greeting.png");
    }

    @Test
    void answersARussianQuestionInRussian() {
        var greeting = openChat();

        var answer = send("как вернуть товар");

        assertThat(customerMessages()).containsExactly("как вернуть товар");
        assertThat(answer).isNotEqualTo(greeting).containsPattern(CYRILLIC);
        assertThat(answer.toLowerCase(Locale.ROOT)).containsAnyOf("возврат", "вернуть");
        assertThat(page.driver().findElement(By.id("input")).getDomProperty("value")).as("the box is cleared").isEmpty();
    }

    @Test
    void pressingAQuickReplyAnswersThatTopic() {
        var greeting = openChat();
        var delivery = quickReplies().stream()
                .filter(button -> button.getText().toLowerCase(Locale.ROOT).contains("достав"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery button under the greeting: " + labels(quickReplies())));
        var label = delivery.getText();

        int before = botMessages().size();
        delivery.click();
        var answer = awaitBotReply(before);

        assertThat(customerMessages()).as("the pressed button is shown as the customer's message").containsExactly(label);
        assertThat(answer).isNotEqualTo(greeting);
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("достав");
        assertThat(labels(quickReplies())).as("the greeting's buttons are replaced by the answer's").doesNotContain(label);
    }

    @Test
    void answersAnEnglishQuestionInEnglish() {
        openChat();

        var answer = send("How do I return an item?");

        assertThat(answer).containsPattern(LATIN).doesNotContainPattern(CYRILLIC);
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("return");
    }

    @Test
    void showsTheHandoffBannerWhenTheCustomerAsksForAPerson() {
        openChat();
        var banner = page.driver().findElement(By.id("handoff-banner"));
        assertThat(banner.isDisplayed()).as("no banner while the bot answers").isFalse();

        send("позовите оператора");

        page.await().until(ExpectedConditions.visibilityOf(banner));
        assertThat(banner.getText()).contains("Оператор подключится к разговору");
    }

    @Test
    void showsTheHandoffBannerInEnglishAfterAnEnglishRequestForAPerson() {
        openChat();

        send("I want to talk to a human");

        var banner = page.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-banner")));
        assertThat(banner.getText()).contains("An operator will take over this conversation");
    }

    @Test
    void showsMarkupFromTheCustomerAsTextAndNeverRunsIt() {
        openChat();
        var name = "<img src=x onerror=window.__xss=1>";
        page.driver().findElement(By.id("name")).sendKeys(name);
        var input = page.driver().findElement(By.id("input"));
        input.sendKeys("<img src=x onerror=window.__xss=1>", Keys.chord(Keys.SHIFT, Keys.ENTER), "<script>window.__xss=2</script>");
        assertThat(input.getDomProperty("value")).as("Shift+Enter is a new line, not a send")
                .isEqualTo("<img src=x onerror=window.__xss=1>\n<script>window.__xss=2</script>");
        int before = botMessages().size();

        input.sendKeys(Keys.ENTER);
        awaitBotReply(before);

        var shown = page.driver().findElement(By.cssSelector("#messages .msg.customer"));
        assertThat(shown.getText()).isEqualTo("<img src=x onerror=window.__xss=1>\n<script>window.__xss=2</script>");
        assertThat(shown.getCssValue("white-space")).isEqualTo("pre-wrap");
        assertThat(page.driver().findElements(By.cssSelector("#messages img, #messages script"))).isEmpty();
        assertThat(page.js().executeScript("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(page.driver().findElement(By.id("name")).getDomProperty("value")).isEqualTo(name);
    }

    @Test
    void keepsTheTypedTextAndShowsTheErrorWhenTheServerRefusesTheMessage() {
        openChat();
        int before = botMessages().size();
        // A real 400 from the server: the page's requests go out with a session id it must refuse.
        page.js().executeScript("""
                window.__realFetch = window.fetch;
                window.fetch = (url, init) => {
                  const body = JSON.parse(init.body);
                  body.session = 'bad';
                  return window.__realFetch(url, Object.assign({}, init, {body: JSON.stringify(body)}));
                };""");

        var input = page.driver().findElement(By.id("input"));
        input.sendKeys("где мой заказ", Keys.ENTER);

        var notice = page.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("'session' must be 8 to 64");
        assertThat(input.getDomProperty("value")).as("the typed text is kept").isEqualTo("где мой заказ");
        assertThat(customerMessages()).as("nothing was delivered").isEmpty();
        assertThat(botMessages()).hasSize(before);

        page.js().executeScript("window.fetch = window.__realFetch;");
        page.driver().findElement(By.id("send")).click();
        awaitBotReply(before);

        assertThat(customerMessages()).containsExactly("где мой заказ");
        page.await().until(ExpectedConditions.invisibilityOf(notice));
    }

    @Test
    void getsANewSessionAndSendsAgainWhenTheServerDoesNotKnowTheStoredOne() {
        openChat();
        var issued = (String) page.js().executeScript("return window.localStorage.getItem('supportbot.web.session');");
        assertThat(issued).as("the token the server issued, kept").matches("[A-Za-z0-9_-]{43}");
        page.js().executeScript("window.localStorage.setItem('supportbot.web.session', 'web-0123456789abcdef0123456789abcdef');");

        var greeting = openChat();

        assertThat(greeting).as("greeted after the 401 and one retry").isNotBlank();
        var renewed = (String) page.js().executeScript("return window.localStorage.getItem('supportbot.web.session');");
        assertThat(renewed).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(issued);
        assertThat(page.driver().findElement(By.id("notice")).isDisplayed()).isFalse();
    }

    @Test
    void asksTheCustomerToWaitWhenTheServerSaysTooManyAndKeepsTheText() {
        openChat();
        page.js().executeScript("""
                window.__realFetch = window.fetch;
                window.fetch = () => Promise.resolve(new Response('{"error": "too many requests"}',
                    {status: 429, headers: {'Retry-After': '7', 'Content-Type': 'application/json'}}));""");

        var input = page.driver().findElement(By.id("input"));
        input.sendKeys("где мой заказ", Keys.ENTER);

        var notice = page.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).contains("Подождите 7 с");
        assertThat(input.getDomProperty("value")).as("the typed text is kept").isEqualTo("где мой заказ");
        assertThat(customerMessages()).isEmpty();
    }

    @Test
    void staysReadableOnALaptopAndAPhoneScreen() {
        openChat();
        page.driver().findElement(By.id("name")).sendKeys("Анна");
        send("как вернуть товар");
        var topic = quickReplies().stream()
                .filter(button -> button.getText().toLowerCase(Locale.ROOT).contains("заказ"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no order button under the answer: " + labels(quickReplies())));
        int before = botMessages().size();
        topic.click();
        awaitBotReply(before);
        send("позовите оператора");
        page.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-banner")));

        screenshot("web-chat.png");
        assertFitsTheWindow();

        page.driver().manage().window().setSize(new Dimension(390, 844));
        page.await().until(driver -> ((Number) page.js().executeScript("return window.innerWidth")).intValue() <= 390);
        page.js().executeScript("const m = document.getElementById('messages'); m.scrollTop = m.scrollHeight;");
        screenshot("web-chat-phone.png");
        assertFitsTheWindow();
    }

    /** Opens the page and waits for the greeting; returns its text. */
    private String openChat() {
        page.driver().get("http://localhost:" + port + "/");
        return awaitBotReply(0);
    }

    /** Types a message, sends it with Enter and returns the bot's (last) reply. */
    private String send(String text) {
        int before = botMessages().size();
        page.driver().findElement(By.id("input")).sendKeys(text, Keys.ENTER);
        return awaitBotReply(before);
    }

    private String awaitBotReply(int botMessagesBefore) {
        page.await().withMessage(() -> "no bot reply; the page shows: " + page.driver().findElement(By.tagName("body")).getText())
                .until(driver -> botMessages().size() > botMessagesBefore
                        && driver.findElements(By.cssSelector("#messages .typing")).isEmpty());
        var bot = botMessages();
        return bot.get(bot.size() - 1).getText();
    }

    private List<WebElement> botMessages() {
        return page.driver().findElements(By.cssSelector("#messages .msg.bot"));
    }

    private List<String> customerMessages() {
        return page.driver().findElements(By.cssSelector("#messages .msg.customer")).stream().map(WebElement::getText).toList();
    }

    private List<WebElement> quickReplies() {
        return page.driver().findElements(By.cssSelector("#messages .quick-replies button"));
    }

    private static List<String> labels(List<WebElement> buttons) {
        return buttons.stream().map(WebElement::getText).toList();
    }

    /** Nothing scrolls sideways, and the box and the send button are on screen. */
    private void assertFitsTheWindow() {
        var overflow = page.js().executeScript("""
                const width = window.innerWidth, height = window.innerHeight;
                const problems = [];
                if (document.documentElement.scrollWidth > width) problems.push('page is wider than the window');
                const messages = document.getElementById('messages');
                if (messages.scrollWidth > messages.clientWidth) problems.push('messages scroll sideways');
                for (const id of ['input', 'send', 'name']) {
                  const r = document.getElementById(id).getBoundingClientRect();
                  if (r.left < 0 || r.right > width || r.top < 0 || r.bottom > height) problems.push(id + ' is off screen');
                }
                return problems;""");
        assertThat((List<?>) overflow).as("layout at %s", page.driver().manage().window().getSize()).isEmpty();
    }

    private void screenshot(String file) {
        page.screenshot(file);
    }
}
