package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;
import org.supportbot.conversation.OperatorTyping;

/**
 * The web chat shows "Оператор печатает…" while an operator types in the console, and drops it on
 * its own. Same properties as {@code WebChatBrowserTests}, so both share one application.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/web-chat-browser-tests",
        "supportbot.content.hot-reload=false",
        "supportbot.limits.new-sessions-per-minute=1000",
        "logging.level.org.openqa.selenium.devtools=ERROR",
        "logging.level.org.openqa.selenium.chromium=ERROR"})
class WebChatTypingBrowserTests {

    @LocalServerPort
    private int port;
    @Autowired
    private WebSessions sessions;
    @Autowired
    private ApplicationEventPublisher events;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1280, 800);

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.requireInstalled();
    }

    @Test
    void showsThatTheOperatorIsTypingAndDropsItWhenTheyStop() throws IOException {
        page.openChat("http://localhost:" + port + "/");
        var browser = page.driver();
        var wait = page.await();
        browser.findElement(By.id("input")).sendKeys("позовите оператора", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-banner")));
        var token = (String) ((JavascriptExecutor) browser).executeScript("return window.localStorage.getItem('supportbot.web.session');");
        var conversation = sessions.conversationOf(token).orElseThrow();
        assertThat(browser.findElements(By.cssSelector(".operator-typing"))).as("nobody types yet").isEmpty();

        events.publishEvent(new OperatorTyping(conversation));

        var hint = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .operator-typing")));
        assertThat(hint.getText()).isEqualTo("Оператор печатает…");
        page.publishScreenshot("follow-web-typing.png");
        // No more notices: gone within the 6 s a notice lasts and the next poll.
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#messages .operator-typing")));
        assertThat(browser.findElements(By.cssSelector("#messages .operator-typing"))).isEmpty();
    }
}
