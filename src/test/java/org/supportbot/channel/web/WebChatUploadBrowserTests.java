package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;

/**
 * The web chat's paperclip in headless Chromium: a customer picks a picture, sees it in the chat,
 * and the bot answers it. Same properties as {@code WebChatFilesTests}, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/parse",
        "supportbot.content.hot-reload=false",
        "supportbot.operators.admin-password=admin-secret-parse",
        "supportbot.limits.new-sessions-per-minute=1000",
        "supportbot.limits.messages-per-minute=1000",
        "supportbot.limits.parse-per-minute=1000"})
class WebChatUploadBrowserTests {

    @LocalServerPort
    int port;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1000, 800);

    @BeforeAll
    static void requireChromium() {
        HeadlessChromium.requireInstalled();
    }

    @Test
    void aCustomerSendsAScreenshotWithThePaperclipAndTheBotAnswersIt() throws Exception {
        page.openChat("http://localhost:" + port + "/");
        var browser = page.driver();
        var wait = page.await();
        int before = browser.findElements(By.cssSelector("#messages .msg.bot")).size();
        assertThat(browser.findElement(By.id("attach")).isDisplayed()).isTrue();

        var screenshot = Files.createTempFile("sms-", ".png");
        Files.write(screenshot, WebChatFilesTests.png(200));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('file-input').hidden = false");
        browser.findElement(By.id("file-input")).sendKeys(screenshot.toAbsolutePath().toString());

        // The customer sees their picture, and the bot's polite answer that an operator would see it.
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('#messages .msg.customer.file img.chat-image'); return !!i && i.complete && i.naturalWidth === 200"));
        wait.until(d -> d.findElements(By.cssSelector("#messages .msg.bot")).size() > before);
        var answers = browser.findElements(By.cssSelector("#messages .msg.bot"));
        assertThat(answers.get(answers.size() - 1).getText()).contains("вложение");
        page.screenshot("attach-web-chat-upload.png");
    }
}
