package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;
import org.supportbot.SupportBotApplication;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;

/**
 * Attachments in the operator console, in headless Chromium against the whole application and the
 * fake Bot API: a customer's photo shows inline, a file the operator picks reaches the customer, and
 * an SVG with a script is only ever a download. Screenshots go to {@code target/screenshots/}.
 */
class AttachmentsBrowserTests {

    private static final String TOKEN = "636363:attach-browser-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATES = new AtomicLong(8000);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(95_000);
    static final byte[] EVIL_SVG = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><script>"
            + "localStorage.setItem('pwned','svg');alert('svg');</script><rect width=\"100\" height=\"100\" fill=\"red\"/></svg>")
            .getBytes(StandardCharsets.UTF_8);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static String base;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1280, 860);

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        telegram = new FakeBotApi(TOKEN);
        telegram.file("photos/jacket.jpg", TelegramAttachmentTests.JPEG);
        telegram.file("documents/evil.svg", EVIL_SVG);
        telegram.when("getFile", call -> switch (call.json().path("file_id").asString("")) {
            case "jacket-photo" -> FakeBotApi.Reply.ok(MediaUpdates.file("jacket-photo", TelegramAttachmentTests.JPEG.length, "photos/jacket.jpg"));
            case "evil-svg" -> FakeBotApi.Reply.ok(MediaUpdates.file("evil-svg", EVIL_SVG.length, "documents/evil.svg"));
            default -> FakeBotApi.Reply.error(400, "Bad Request: invalid file_id", null);
        });
        telegram.when("sendPhoto", call -> FakeBotApi.Reply.ok(MediaUpdates.sentMessage(MESSAGE_IDS.incrementAndGet(), 1)));
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "attach-");
        app = new SpringApplicationBuilder(SupportBotApplication.class).run(
                "--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s", "--supportbot.telegram.lease=10s",
                "--supportbot.handoff.sla-check-interval=0",
                // "secret-anna", hashed with bcrypt
                "--supportbot.operators.accounts.anna.name=Анна",
                "--supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
                "--logging.level.org.openqa.selenium.devtools=ERROR", "--logging.level.org.openqa.selenium.chromium=ERROR");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void theConsoleShowsACustomersPhotoInlineAndSendsAPictureTheOperatorPicks() throws Exception {
        long customer = 7101;
        var ticket = ticketOf(customer);
        telegram.offer(MediaUpdates.photo(UPDATES.incrementAndGet(), customer, "Ольга", "jacket-photo", "Куртка порвалась по шву, вот фото", null));
        await().atMost(WAIT).until(() -> app.getBean(org.supportbot.conversation.ConversationEngine.class)
                .transcript(new org.supportbot.conversation.ConversationId("telegram", Long.toString(customer)), 20).stream()
                .anyMatch(e -> !e.attachments().isEmpty()));

        signIn();
        page.open(ticket.number());
        var image = page.visible(By.cssSelector("#transcript .attachments a.attachment-image img.thumb"));
        // Loaded, not merely present: the picture came through the bot's own server from the (fake) Telegram.
        page.await().until(d -> ((Number) page.js().executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", image)).intValue() == 320);
        assertThat(image.getDomAttribute("src")).startsWith("/api/operator/attachments/").doesNotContain(TOKEN);
        assertThat(page.driver().findElement(By.cssSelector("#transcript .attachments a.attachment-image")).getDomAttribute("target")).isEqualTo("_blank");
        // The transcript stays at its end once the picture has loaded: the whole picture is in view.
        page.await().until(d -> (Boolean) page.js().executeScript("const r = arguments[0].getBoundingClientRect();"
                + " const box = document.getElementById('transcript').getBoundingClientRect(); return r.height > 0 && r.bottom <= box.bottom + 1;", image));
        page.publishScreenshot("attach-console-photo.png");

        // The operator takes the ticket and sends a picture with the paperclip, the reply box as its caption.
        page.driver().findElement(By.id("take")).click();
        page.await().until(d -> d.findElement(By.id("attach")).isEnabled());
        var label = Files.createTempFile("label-", ".png");
        Files.write(label, TelegramAttachmentTests.png());
        page.driver().findElement(By.id("reply")).sendKeys("Ярлык для возврата");
        page.js().executeScript("document.getElementById('attach-input').hidden = false");
        page.driver().findElement(By.id("attach-input")).sendKeys(label.toAbsolutePath().toString());
        await().atMost(WAIT).until(() -> telegram.calls("sendPhoto").stream()
                .anyMatch(c -> c.body().contains(Long.toString(customer)) && c.body().contains("Ярлык для возврата")));
        page.await().until(d -> d.findElements(By.cssSelector("#transcript .message.from-operator img.thumb")).size() == 1);
    }

    @Test
    void anSvgWithAScriptIsADownloadAndRunsNothing() {
        long customer = 7102;
        var ticket = ticketOf(customer);
        telegram.offer(MediaUpdates.document(UPDATES.incrementAndGet(), customer, "Ольга", "evil-svg", "invoice.svg", "image/svg+xml", EVIL_SVG.length));
        await().atMost(WAIT).until(() -> app.getBean(org.supportbot.conversation.ConversationEngine.class)
                .transcript(new org.supportbot.conversation.ConversationId("telegram", Long.toString(customer)), 20).stream()
                .anyMatch(e -> !e.attachments().isEmpty()));

        signIn();
        page.open(ticket.number());
        var link = page.visible(By.cssSelector("#transcript .attachments a.attachment-file"));
        assertThat(link.getText()).contains("invoice.svg");
        assertThat(link.getDomAttribute("download")).isEqualTo("invoice.svg");
        assertThat(page.driver().findElements(By.cssSelector("#transcript img.thumb"))).isEmpty();
        var url = link.getDomAttribute("href");

        // Opened directly in the console's origin, and framed inside the console: never rendered, its script never runs.
        page.driver().get(base + url);
        page.driver().get(base + "/operator");
        page.visible(By.id("me"));
        page.js().executeScript("const f = document.createElement('iframe'); f.id = 'probe'; f.src = arguments[0]; document.body.append(f);", url);
        page.await().until(d -> "complete".equals(page.js().executeScript("return document.readyState")));
        assertThat(page.js().executeScript("return localStorage.getItem('pwned')")).isNull();
        assertThat(ExpectedConditions.alertIsPresent().apply(page.driver())).isNull();
    }

    private static Ticket ticketOf(long chat) {
        telegram.offer(FakeBotApi.textUpdate(UPDATES.incrementAndGet(), chat, "Ольга", "/operator"));
        var handoff = app.getBean(Handoff.class);
        await().atMost(WAIT).until(() -> handoff.openTicketOf("telegram:" + chat).isPresent());
        return handoff.openTicketOf("telegram:" + chat).orElseThrow();
    }

    private void signIn() {
        page.signIn(base, "anna", "secret-anna");
    }
}
