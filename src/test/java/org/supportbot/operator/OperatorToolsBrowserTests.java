package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;
import org.supportbot.SupportBotApplication;
import org.supportbot.channel.telegram.FakeBotApi;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;

/**
 * The operators' tools in the console, in headless Chromium against the whole application with a
 * Telegram customer on a local Bot API server: the "/" picker of saved replies, private notes,
 * tags and the close reason. Screenshots go to {@code target/screenshots/optools-*.png}.
 */
class OperatorToolsBrowserTests {

    private static final String TOKEN = "636363:tools-console-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATES = new AtomicLong(9000);
    private static final AtomicLong CUSTOMERS = new AtomicLong(72000);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static String base;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1440, 900);

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        telegram = new FakeBotApi(TOKEN);
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "tools-console-");
        app = new SpringApplicationBuilder(SupportBotApplication.class).run(
                "--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s", "--supportbot.telegram.lease=10s",
                "--supportbot.handoff.sla-check-interval=0", "--supportbot.content.hot-reload=false",
                // "secret-anna", hashed with bcrypt
                "--supportbot.operators.accounts.anna.name=Анна",
                "--supportbot.operators.accounts.anna.capacity=20",
                "--supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
                // "secret-boris": signs in only in the presence test, so that no other session of his is open
                "--supportbot.operators.accounts.boris.name=Борис",
                "--supportbot.operators.accounts.boris.password={bcrypt}$2a$10$c5LhoH2nvEeyd0Y18I.zHulOlVTAzf/DGTo38W/G3.L3c6BO1HCf2",
                "--logging.level.org.openqa.selenium.devtools=ERROR", "--logging.level.org.openqa.selenium.chromium=ERROR");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
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
    void anOperatorInsertsASavedReplyWithSlashLeavesAPrivateNoteTagsAndClosesAsSpam() {
        long customer = CUSTOMERS.incrementAndGet();
        customerWrites(customer, "Ольга", "/operator");
        var ticket = ticketOf(customer);
        signIn();
        page.open(ticket.number());
        page.driver().findElement(By.id("take")).click();
        page.await().until(ExpectedConditions.elementToBeClickable(By.id("reply")));

        // "/" opens the picker; typing narrows it; Enter inserts the reply rendered for this customer, to edit.
        var reply = page.driver().findElement(By.id("reply"));
        reply.sendKeys("/");
        page.visible(By.cssSelector("#reply-picker .reply-option"));
        assertThat(page.driver().findElements(By.cssSelector("#reply-picker .reply-option"))).hasSizeGreaterThanOrEqualTo(8);
        reply.sendKeys("delay");
        page.await().until(d -> d.findElements(By.cssSelector("#reply-picker .reply-option")).size() == 1);
        var option = page.driver().findElement(By.cssSelector("#reply-picker .reply-option.active"));
        assertThat(option.getText()).contains("/delay").contains("Задержка").contains("Ольга, простите");
        page.screenshot("optools-picker.png");
        reply.sendKeys(Keys.ENTER);
        page.await().until(d -> reply.getDomProperty("value").startsWith("Ольга, простите"));
        assertThat(page.driver().findElement(By.id("reply-picker")).isDisplayed()).isFalse();
        assertThat(telegram.sentTo(customer)).as("inserting only fills the composer").noneMatch(s -> s.path("text").asString().contains("простите"));
        reply.sendKeys(Keys.END, " Номер заказа уже у меня.", Keys.ENTER);
        await().atMost(WAIT).until(() -> sentTo(customer).stream().anyMatch(t -> t.startsWith("Ольга, простите") && t.endsWith("Номер заказа уже у меня.")));

        // The note toggle turns the composer into a private note: it is kept on the ticket and shown, never sent.
        page.driver().findElement(By.id("note-toggle")).click();
        assertThat(page.driver().findElement(By.id("note-toggle")).getDomAttribute("aria-pressed")).isEqualTo("true");
        reply.sendKeys("Клиентка <b>просила</b> не звонить, только писать", Keys.ENTER);
        page.waitForText(By.id("notes"), "Клиентка <b>просила</b> не звонить, только писать");
        assertThat(app.getBean(Handoff.class).find(ticket.number()).orElseThrow().notes()).extracting(Ticket.Note::text)
                .containsExactly("Клиентка <b>просила</b> не звонить, только писать");
        page.driver().findElement(By.id("note-toggle")).click();

        // Tags, typed in the customer panel.
        var tags = page.driver().findElement(By.id("tag-input"));
        tags.sendKeys("доставка задержка", Keys.ENTER);
        page.waitForText(By.id("tags"), "#задержка");
        page.screenshot("optools-note.png");
        assertThat(sentTo(customer)).noneMatch(t -> t.contains("просила") || t.contains("задержка ×"));

        // Closing as spam: a reason from the picker next to "Close"; the customer is asked no rating.
        new Select(page.driver().findElement(By.id("close-reason"))).selectByValue("spam");
        page.screenshot("optools-close-reason.png");
        page.driver().findElement(By.id("close")).click();
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(ticket.number()).orElseThrow().status() == TicketStatus.RESOLVED);
        var closed = app.getBean(Handoff.class).find(ticket.number()).orElseThrow();
        assertThat(closed.closeReason()).isEqualTo("spam");
        assertThat(closed.tags()).containsExactly("доставка", "задержка");
        page.waitForText(By.id("tags"), "Спам");
        // A later message gets the bot's answer, so anything queued before it has been sent: no rating among them.
        int before = sentTo(customer).size();
        customerWrites(customer, "Ольга", "какие способы оплаты есть");
        await().atMost(WAIT).until(() -> sentTo(customer).size() > before);
        assertThat(telegram.sentTo(customer)).noneMatch(s -> s.path("reply_markup").path("inline_keyboard").size() == 5);
    }

    @Test
    void presenceIsChosenInTheTopBarAndSigningOutMakesTheOperatorOffline() {
        var handoff = app.getBean(Handoff.class);
        handoff.setPresence("boris", org.supportbot.handoff.OperatorStatus.OFFLINE);
        signIn("boris", "secret-boris");
        await().atMost(WAIT).until(() -> handoff.presenceOf("boris") == org.supportbot.handoff.OperatorStatus.ONLINE);
        page.await().until(d -> "online".equals(d.findElement(By.id("presence")).getDomProperty("value")));

        new Select(page.driver().findElement(By.id("presence"))).selectByValue("away");
        await().atMost(WAIT).until(() -> handoff.presenceOf("boris") == org.supportbot.handoff.OperatorStatus.AWAY);
        page.screenshot("optools-presence.png");

        page.driver().findElement(By.id("logout")).click();
        await().atMost(WAIT).until(() -> handoff.presenceOf("boris") == org.supportbot.handoff.OperatorStatus.OFFLINE);
    }

    @Test
    void theCustomerPanelShowsTheSameCustomersOtherChannelAndItsTicketWithTheOutcome() {
        var handoff = app.getBean(Handoff.class);
        var engine = app.getBean(org.supportbot.conversation.ConversationEngine.class);
        var web = new org.supportbot.conversation.ConversationId("web", "linked-" + System.nanoTime());
        engine.handle(new org.supportbot.conversation.InboundMessage(web, "Светлана", new org.supportbot.conversation.InboundMessage.Text("/operator")));
        var webTicket = handoff.openTicketOf(web.toString()).orElseThrow();
        handoff.claim(webTicket.number(), "anna");
        handoff.resolve(webTicket.number(), "anna", "no_reply");
        long customer = CUSTOMERS.incrementAndGet();
        var now = java.time.Instant.now();
        app.publishEvent(new org.supportbot.conversation.CustomerVerified(web.toString(), "email", "sveta@example.com", now));
        app.publishEvent(new org.supportbot.conversation.CustomerVerified("telegram:" + customer, "email", "sveta@example.com", now));
        customerWrites(customer, "Светлана", "/operator");
        var ticket = ticketOf(customer);

        signIn();
        page.open(ticket.number());
        page.waitForText(By.id("linked"), web.toString());
        page.waitForText(By.id("earlier"), "#" + webTicket.number());
        page.screenshot("optools-linked.png");
    }

    private void signIn() {
        signIn("anna", "secret-anna");
    }

    private void signIn(String login, String password) {
        page.signIn(base, login, password);
    }

    private static void customerWrites(long chat, String name, String text) {
        telegram.offer(FakeBotApi.textUpdate(UPDATES.incrementAndGet(), chat, name, text));
    }

    private static Ticket ticketOf(long chat) {
        var handoff = app.getBean(Handoff.class);
        await().atMost(WAIT).until(() -> handoff.openTicketOf("telegram:" + chat).isPresent());
        return handoff.openTicketOf("telegram:" + chat).orElseThrow();
    }

    private static List<String> sentTo(long chat) {
        return telegram.sentTo(chat).stream().map(sent -> sent.path("text").asString()).toList();
    }
}
