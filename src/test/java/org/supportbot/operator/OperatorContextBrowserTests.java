package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;
import org.supportbot.handoff.Escalation;
import org.supportbot.handoff.Handoff;
import org.supportbot.knowledge.Language;

/**
 * The console shows what the bot's store actions learnt (order, status, verified) as text, whatever
 * the store sent, and the customer's earlier tickets with their channel and how they were closed.
 * Screenshot: {@code target/screenshots/follow-context.png}.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/operator-context-browser",
        "supportbot.content.hot-reload=false",
        "supportbot.handoff.sla-check-interval=0",
        // "secret-anna", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Анна",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
        "logging.level.org.openqa.selenium.devtools=ERROR",
        "logging.level.org.openqa.selenium.chromium=ERROR"})
class OperatorContextBrowserTests {

    private static final String HOSTILE = "<img src=x onerror=window.__xss=1>";

    @LocalServerPort
    private int port;
    @Autowired
    private Handoff handoff;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1440, 900);

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.requireInstalled();
    }

    @Test
    void showsTheStoreContextAsTextAndEarlierTicketsWithChannelAndCloseReason() throws IOException {
        var conversation = "web:context-" + System.nanoTime();
        var earlier = handoff.open(escalation(conversation, 1, Map.of())).ticket();
        handoff.claim(earlier.number(), "anna");
        handoff.resolve(earlier.number(), "anna", "duplicate");
        var ticket = handoff.open(escalation(conversation, 2,
                Map.of("order", "48213", "status", "в пути " + HOSTILE, "verified", "yes"))).ticket();

        page.signIn("http://127.0.0.1:" + port, "anna", "secret-anna");
        page.open(ticket.number());
        var browser = page.driver();
        var wait = page.await();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd.context-order")));

        assertThat(text(browser.findElement(By.cssSelector("dd.context-order")))).isEqualTo("48213");
        assertThat(text(browser.findElement(By.cssSelector("dd.context-status")))).isEqualTo("в пути " + HOSTILE);
        assertThat(text(browser.findElement(By.cssSelector("dd.context-verified")))).isEqualTo("да");
        assertThat(browser.findElements(By.cssSelector(".details img"))).as("the store's markup is not made an element").isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__xss")).isEqualTo("undefined");

        var past = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#earlier li")));
        wait.until(ExpectedConditions.textToBePresentInElement(past, "#" + earlier.number()));
        assertThat(text(past)).contains("#" + earlier.number(), "web", "решено", "Дубликат");
        assertThat(past.findElements(By.cssSelector(".badge.channel"))).extracting(OperatorContextBrowserTests::text).containsExactly("web");

        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", past);
        page.publishScreenshot("follow-context.png");
    }

    private static Escalation escalation(String conversation, int turn, Map<String, String> context) {
        return new Escalation(conversation + "#" + turn, conversation, "web", "Ольга", Language.RU, "order_status", "customer_request",
                List.of(), context);
    }

    private static String text(WebElement element) {
        return element.getDomProperty("textContent").strip();
    }
}
