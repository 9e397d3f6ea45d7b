package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.ConsoleBrowser;
import org.supportbot.HeadlessChromium;
import org.supportbot.SupportBotApplication;
import org.supportbot.channel.telegram.FakeBotApi;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console and the dashboard in headless Chromium, against the whole application:
 * customers write from Telegram (a local Bot API server and TelegramBots' real client), operators
 * sign in with a password and work in the page.driver(). Screenshots go to {@code target/screenshots/}.
 */
class OperatorConsoleBrowserTests {

    private static final String TOKEN = "626262:console-test-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATES = new AtomicLong(5000);
    private static final AtomicLong CUSTOMERS = new AtomicLong(71000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static String base;
    /** A copy of the repository's content: the editor's decisions write into it. */
    private static Path content;

    @RegisterExtension
    final ConsoleBrowser page = new ConsoleBrowser("ru-RU", 1440, 900);

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        telegram = new FakeBotApi(TOKEN);
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "console-");
        content = Files.createTempDirectory(Path.of("target/test-data"), "console-content-");
        for (var folder : List.of("intents", "knowledge-base")) {
            Files.createDirectories(content.resolve(folder));
            try (var files = Files.list(Path.of(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, content.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        app = new SpringApplicationBuilder(SupportBotApplication.class).run(
                "--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.content.dir=" + content, "--supportbot.delivery.poll-interval=50ms",
                "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s", "--supportbot.telegram.lease=10s",
                "--supportbot.handoff.sla-check-interval=0",
                // "secret-anna" and "secret-boris", hashed with bcrypt
                "--supportbot.operators.accounts.anna.name=Анна",
                "--supportbot.operators.accounts.anna.capacity=20",
                "--supportbot.operators.accounts.anna.editor=true",
                "--supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
                "--supportbot.operators.accounts.boris.name=Борис",
                "--supportbot.operators.accounts.boris.queues=delivery",
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

    // ---------------------------------------------------------------- the whole shift

    @Test
    void anOperatorSeesACustomerArriveLiveTakesTheConversationAnswersFromASuggestionAndClosesIt() {
        signIn("anna", "wrong-password");
        assertThat(page.visible(By.id("login-notice")).getText()).isEqualTo("Неверный логин или пароль.");
        signIn("anna", "secret-anna");
        assertThat(page.visible(By.id("me")).getText()).isEqualTo("Анна");
        awaitLive();
        page.js().executeScript("window.__sameDocument = true;");

        // A customer asks a question the bot answers, then asks for a person.
        long customer = CUSTOMERS.incrementAndGet();
        customerWrites(customer, "Ольга", "не проходит оплата картой");
        customerWrites(customer, "Ольга", "/operator");
        var ticket = ticketOf(customer);

        // The ticket appears in the queue without a page reload.
        var card = page.visible(By.cssSelector("#queue li[data-ticket='" + ticket.number() + "']"));
        assertThat(card.getText()).contains("Ольга", "#" + ticket.number(), "telegram");
        assertThat(page.js().executeScript("return window.__sameDocument === true")).as("no reload").isEqualTo(true);

        // Opening it shows the whole conversation, bot turns included, with what the bot understood.
        page.open(ticket.number());
        var transcript = page.driver().findElement(By.id("transcript"));
        assertThat(transcript.findElements(By.cssSelector(".message.from-customer .text")))
                .extracting(WebElement::getText).contains("не проходит оплата картой", "/operator");
        assertThat(transcript.findElements(By.cssSelector(".message.from-bot"))).as("the bot's answers").isNotEmpty();
        assertThat(transcript.findElement(By.cssSelector(".message.from-customer .understood")).getText())
                .contains("payment_failed").containsPattern("\\d+%");
        assertThat(page.driver().findElement(By.id("history")).getText()).contains("opened");
        assertThat(page.driver().findElement(By.id("reply")).isEnabled()).as("not taken yet").isFalse();

        // Take it; the reply box opens and suggests the knowledge-base answer for the payment problem.
        page.driver().findElement(By.id("take")).click();
        page.await().until(ExpectedConditions.elementToBeClickable(By.id("reply")));
        page.visible(By.cssSelector("#mine li[data-ticket='" + ticket.number() + "']"));
        var suggestion = page.visible(By.cssSelector("#suggestions .suggestion"));
        assertThat(suggestion.getText()).containsIgnoringCase("оплат");
        suggestion.click();
        var reply = page.driver().findElement(By.id("reply"));
        var suggested = reply.getDomProperty("value");
        assertThat(suggested).as("the payment_failed answer, one of its variations").containsIgnoringCase("плат");

        // Edit it (Shift+Enter is a new line), then Enter sends it to the customer's Telegram chat.
        reply.sendKeys(Keys.END, Keys.chord(Keys.SHIFT, Keys.ENTER), "Пришлите, пожалуйста, номер заказа.");
        assertThat(reply.getDomProperty("value")).isEqualTo(suggested + "\nПришлите, пожалуйста, номер заказа.");
        reply.sendKeys(Keys.ENTER);
        await().atMost(WAIT).until(() -> sentTo(customer).stream().anyMatch(text -> text.contains("Пришлите, пожалуйста, номер заказа.")));
        page.await().until(d -> reply.getDomProperty("value").isEmpty());
        page.visible(By.cssSelector("#transcript .message.from-operator"));

        // The customer's answer appears live in the open conversation.
        customerWrites(customer, "Ольга", "заказ 48213, карта Мир");
        page.waitForText(By.id("transcript"), "заказ 48213, карта Мир");
        page.screenshot("console-conversation.png");

        // Closing it asks the customer for a rating and empties "my conversations".
        int before = sentTo(customer).size();
        page.driver().findElement(By.id("close")).click();
        await().atMost(WAIT).until(() -> sentTo(customer).size() > before);
        assertThat(sentTo(customer).subList(before, sentTo(customer).size())).anyMatch(text -> text.toLowerCase().contains("оцен"));
        page.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#mine li[data-ticket='" + ticket.number() + "']")));
        assertThat(app.getBean(Handoff.class).find(ticket.number()).orElseThrow().status()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void aWebChatCustomerSeesTheOperatorsReplyWithoutReloadingAndRatesTheHelp() {
        try (var customer = HeadlessChromium.start("ru-RU", 420, 860)) {
            var chat = customer.driver();
            var customerWait = new WebDriverWait(chat, WAIT);
            chat.get(base + "/");
            customerWait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#messages .msg.bot")));
            chat.findElement(By.id("name")).sendKeys("Вика");
            chat.findElement(By.id("input")).sendKeys("позовите оператора", Keys.ENTER);
            customerWait.until(ExpectedConditions.visibilityOfElementLocated(By.id("handoff-banner")));
            var session = (String) ((JavascriptExecutor) chat).executeScript("return localStorage.getItem('supportbot.web.session')");
            // The conversation is an opaque handle of the issued token (issue #24): the operator never sees the token.
            var conversation = "web:" + webHandle(session);
            var handoff = app.getBean(Handoff.class);
            await().atMost(WAIT).until(() -> handoff.openTicketOf(conversation).isPresent());
            var ticket = handoff.openTicketOf(conversation).orElseThrow();

            signIn("anna", "secret-anna");
            take(ticket);
            var reply = page.driver().findElement(By.id("reply"));
            reply.sendKeys("Вика, здравствуйте! Я Анна, сейчас всё проверю.", Keys.ENTER);

            // The customer's page shows who joined and the reply, without a reload.
            customerWait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Я Анна, сейчас всё проверю."));
            assertThat(chat.findElements(By.cssSelector("#messages .msg.operator"))).extracting(WebElement::getText)
                    .containsExactly("Вика, здравствуйте! Я Анна, сейчас всё проверю.");
            customer.screenshot("web-chat-operator-reply.png");

            // Closing asks for a rating there; the customer's five stars reach the ticket.
            page.driver().findElement(By.id("close")).click();
            var five = customerWait.until(d -> d.findElements(By.cssSelector("#messages .quick-replies button")).stream()
                    .filter(b -> b.getText().equals("⭐".repeat(5))).findFirst().orElse(null));
            five.click();
            await().atMost(WAIT).until(() -> Integer.valueOf(5).equals(handoff.find(ticket.number()).orElseThrow().csat()));
            assertThat(chat.findElements(By.cssSelector("#messages .msg.operator"))).as("each notice shown once").hasSize(1);
        }
    }

    private static String webHandle(String token) {
        try {
            var hash = java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void customerTextIsShownAsTextAndRunsNothing() {
        signIn("anna", "secret-anna");
        awaitLive();
        long customer = CUSTOMERS.incrementAndGet();
        var hostileName = "<img/src/onerror=window.__xss=1>"; // one word: a first name keeps only the first
        customerWrites(customer, hostileName, "/operator");
        var ticket = ticketOf(customer);
        customerWrites(customer, hostileName, "<script>window.__xss=2</script>");
        customerWrites(customer, hostileName, "<img src=x onerror=\"window.__xss=3\"> привет");

        var card = page.visible(By.cssSelector("#queue li[data-ticket='" + ticket.number() + "']"));
        assertThat(card.getText()).contains(hostileName);
        page.open(ticket.number());
        page.waitForText(By.id("transcript"), "привет");

        assertThat(page.driver().findElements(By.cssSelector("#transcript .message.from-customer .text"))).extracting(WebElement::getText)
                .contains("<script>window.__xss=2</script>", "<img src=x onerror=\"window.__xss=3\"> привет");
        assertThat(page.driver().findElement(By.id("conv-title")).getText()).contains(hostileName);
        assertThat(page.driver().findElements(By.cssSelector("#transcript img, #transcript script, #queue img, #mine img, #customer img")))
                .as("no markup from customers became elements").isEmpty();
        assertThat(page.js().executeScript("return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void keepsSeveralConversationsOpenMarksTheUnreadOneAndTransfersAndReturnsTickets() {
        signIn("anna", "secret-anna");
        awaitLive();
        long first = CUSTOMERS.incrementAndGet();
        long second = CUSTOMERS.incrementAndGet();
        customerWrites(first, "Пётр", "/operator");
        customerWrites(second, "Светлана", "/operator");
        var one = ticketOf(first);
        var two = ticketOf(second);
        take(one);
        take(two);
        page.open(one.number());

        // The other conversation gets a message: it is marked in "my conversations" until opened.
        customerWrites(second, "Светлана", "вы тут?");
        var badge = page.visible(By.cssSelector("#mine li[data-ticket='" + two.number() + "'] .badge.unread"));
        assertThat(badge.getText()).isEqualTo("новых: 1");
        assertThat(page.driver().findElements(By.cssSelector("#mine li[data-ticket='" + one.number() + "'] .badge.unread"))).isEmpty();
        page.screenshot("console-unread.png");
        page.open(two.number());
        page.waitForText(By.id("transcript"), "вы тут?");
        page.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#mine li[data-ticket='" + two.number() + "'] .badge.unread")));

        // Transfer the first to the delivery queue: it leaves Anna and waits there.
        page.open(one.number());
        new Select(page.driver().findElement(By.id("transfer"))).selectByValue("queue:delivery");
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(one.number()).orElseThrow().queue().equals("delivery"));
        page.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#mine li[data-ticket='" + one.number() + "']")));
        assertThat(app.getBean(Handoff.class).find(one.number()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING);

        // Return the second to the bot: the customer is told, and the bot answers again.
        page.open(two.number());
        int before = sentTo(second).size();
        page.driver().findElement(By.id("release")).click();
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(two.number()).orElseThrow().status() == TicketStatus.RETURNED_TO_BOT);
        await().atMost(WAIT).until(() -> sentTo(second).size() > before);
    }

    @Test
    void theDashboardDrawsItsChartsFromThePeriodsFigures() throws Exception {
        // Some traffic of its own: an answered question, and a hand-over the operator answers and closes.
        long asked = CUSTOMERS.incrementAndGet();
        customerWrites(asked, "Ирина", "где мой заказ");
        long handed = CUSTOMERS.incrementAndGet();
        customerWrites(handed, "Олег", "а у вас есть оптовые цены для юрлиц");
        var ticket = ticketOf(handed);
        var handoff = app.getBean(Handoff.class);
        handoff.claim(ticket.number(), "anna");
        handoff.operatorWrote(ticket.number(), "anna", "dashboard-test", "Да, пришлю прайс", "test");
        handoff.resolve(ticket.number(), "anna");
        customerWrites(handed, "Олег", null);
        await().atMost(WAIT).until(() -> handoff.find(ticket.number()).orElseThrow().csat() != null);

        signIn("anna", "secret-anna");
        page.driver().findElement(By.cssSelector(".tabs a[href='/operator/dashboard']")).click();
        page.await().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));

        var figures = JSON.readTree(basic("anna", "secret-anna", "/api/operator/analytics").body());
        assertThat(figures.path("conversations").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.driver().findElement(By.id("kpi-conversations")).getText()).isEqualTo(figures.path("conversations").asString());
        assertThat(page.driver().findElement(By.id("kpi-csat")).getText()).contains("★");
        for (var chart : List.of("chart-daily", "chart-split", "chart-intents", "chart-csat")) {
            assertThat(page.js().executeScript("const c = Chart.getChart(arguments[0]); return c ? c.data.datasets.length : 0;", chart))
                    .as(chart + " is drawn").isNotEqualTo(0L);
        }
        assertThat(page.js().executeScript("return Chart.getChart('chart-intents').data.labels")).asString().contains("Где мой заказ");
        assertThat(page.driver().findElement(By.id("unanswered")).getText()).contains("оптовые цены для юрлиц");
        page.screenshot("dashboard.png");

        // English, and a phone-sized screen.
        page.driver().findElement(By.id("lang")).click();
        page.waitForText(By.cssSelector(".dash-head h1"), "Support dashboard");
        page.driver().manage().window().setSize(new Dimension(390, 844));
        assertFitsTheWindow();
        page.screenshot("dashboard-phone-en.png");
    }

    @Test
    void anEditorTurnsMissedQuestionsIntoANewIntentFromTheSuggestionsPage() throws Exception {
        var question = "можно купить подарочный сертификат на 3000 рублей?";
        var hostile = "<b>подарочные</b> сертификаты у вас продаются?";
        customerWrites(CUSTOMERS.incrementAndGet(), "Фёдор", question);
        customerWrites(CUSTOMERS.incrementAndGet(), "Нина", hostile);
        var curation = app.getBean(org.supportbot.curation.Curation.class);
        await().atMost(WAIT).until(() -> curation.suggestions().stream().anyMatch(s -> s.examples().stream().anyMatch(e -> e.text().equals(question))));

        signIn("anna", "secret-anna");
        page.driver().findElement(By.id("nav-editor")).click();
        page.await().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-rendered")));
        var card = page.visible(By.xpath("//article[.//span[@class='text' and text()=" + xpathLiteral(question) + "]]"));
        assertThat(page.driver().findElement(By.id("suggestions")).getText()).as("customer text shown as text").contains(hostile);
        assertThat(page.driver().findElements(By.cssSelector("#suggestions b"))).isEmpty();
        page.screenshot("editor-suggestions.png");

        card.findElement(By.cssSelector("details.create summary")).click();
        card.findElement(By.cssSelector("input.name")).sendKeys("gift_certificates");
        card.findElement(By.cssSelector("input.title")).sendKeys("Подарочные сертификаты");
        var answer = card.findElement(By.cssSelector("textarea.answer"));
        answer.clear();
        answer.sendKeys("Да, сертификаты на 1000, 3000 и 5000 рублей продаются на сайте в разделе «Подарки».");
        card.findElement(By.cssSelector("button.create-button")).click();

        page.waitForText(By.id("toast"), "intents/gift_certificates.yaml");
        assertThat(Files.readString(content.resolve("intents/gift_certificates.yaml"))).contains(question);
        assertThat(Files.readString(content.resolve("knowledge-base/gift_certificates.md"))).contains("«Подарки»");
        page.await().until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//span[@class='text' and text()=" + xpathLiteral(question) + "]")));
    }

    @Test
    void theSuggestionsPageIsForEditorsOnly() throws Exception {
        assertThat(basic("boris", "secret-boris", "/api/editor/suggestions").statusCode()).isEqualTo(403);
        signIn("boris", "secret-boris");
        awaitLive();
        assertThat(page.driver().findElement(By.id("nav-editor")).isDisplayed()).as("no link for an operator who is not an editor").isFalse();
        page.driver().get(base + "/operator/editor");
        assertThat(page.driver().findElement(By.tagName("body")).getText()).doesNotContain("Предложения");
    }

    private static String xpathLiteral(String text) {
        return "'" + text + "'";
    }

    @Test
    void worksOnAPhoneScreenOnePaneAtATime() {
        page.driver().manage().window().setSize(new Dimension(390, 844));
        signIn("anna", "secret-anna");
        awaitLive();
        long customer = CUSTOMERS.incrementAndGet();
        customerWrites(customer, "Мария", "где мой заказ");
        customerWrites(customer, "Мария", "/operator");
        var ticket = ticketOf(customer);
        page.visible(By.cssSelector("#queue li[data-ticket='" + ticket.number() + "']"));
        assertFitsTheWindow();
        page.screenshot("console-phone-queue.png");
        page.open(ticket.number());
        page.driver().findElement(By.id("take")).click();
        page.await().until(ExpectedConditions.elementToBeClickable(By.id("reply")));
        assertThat(page.driver().findElement(By.cssSelector(".sidebar")).isDisplayed()).as("the conversation takes the screen").isFalse();
        assertFitsTheWindow();
        page.screenshot("console-phone-conversation.png");
        page.driver().findElement(By.id("back")).click();
        page.visible(By.cssSelector("#mine li[data-ticket='" + ticket.number() + "']"));
    }

    @Test
    void signingOutAndAnEndedSessionBothLeadBackToTheSignInForm() {
        page.driver().get(base + "/operator");
        page.visible(By.id("username"));
        assertThat(page.driver().getCurrentUrl()).endsWith("/operator/login");
        page.driver().findElement(By.id("lang")).click();
        page.waitForText(By.id("sign-in"), "Sign in");
        page.driver().findElement(By.id("lang")).click();

        signIn("boris", "secret-boris");
        assertThat(page.visible(By.id("me")).getText()).isEqualTo("Борис");
        page.driver().findElement(By.id("logout")).click();
        page.waitForText(By.id("login-notice"), "Вы вышли из консоли.");
        page.driver().get(base + "/operator");
        page.visible(By.id("username"));

        signIn("boris", "secret-boris");
        awaitLive();
        expireAllSessions();
        // The next call finds the session gone (set with a script: the page leaves while Selenium would still be selecting).
        page.js().executeScript("const f = document.getElementById('queue-filter'); f.value = 'delivery'; f.dispatchEvent(new Event('change'));");
        page.waitForText(By.id("login-notice"), "Сеанс завершён. Войдите снова.");
    }

    // ---------------------------------------------------------------- helpers

    private void signIn(String login, String password) {
        page.signIn(base, login, password);
    }

    private void awaitLive() {
        page.await().until(d -> "on".equals(d.findElement(By.id("live")).getDomAttribute("data-state")));
    }

    private void take(Ticket ticket) {
        page.open(ticket.number());
        page.driver().findElement(By.id("take")).click();
        page.visible(By.cssSelector("#mine li[data-ticket='" + ticket.number() + "']"));
    }

    private void assertFitsTheWindow() {
        // Charts redraw for a new window size a moment later: give the page that moment, then name what sticks out.
        var overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
        try {
            new WebDriverWait(page.driver(), Duration.ofSeconds(5)).until(d -> ((Number) page.js().executeScript(overflow)).intValue() <= 0);
        } catch (org.openqa.selenium.TimeoutException e) {
            var culprits = page.js().executeScript("""
                    const width = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 0.5)
                        .map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 10).join(', ');""");
            throw new AssertionError("something sticks out sideways by " + page.js().executeScript(overflow) + " px: " + culprits, e);
        }
    }

    /** A customer's message from Telegram, or their rating button press when {@code text} is null (the 5-star button of their ticket). */
    private static void customerWrites(long chat, String name, String text) {
        if (text == null) {
            var ticket = app.getBean(Handoff.class).ticketsOf("telegram:" + chat, 1).get(0);
            telegram.offer(FakeBotApi.buttonUpdate(UPDATES.incrementAndGet(), chat, name, "csat:" + ticket.number() + ":5"));
        } else {
            telegram.offer(FakeBotApi.textUpdate(UPDATES.incrementAndGet(), chat, name, text));
        }
    }

    private static Ticket ticketOf(long chat) {
        var handoff = app.getBean(Handoff.class);
        await().atMost(WAIT).until(() -> handoff.openTicketOf("telegram:" + chat).isPresent());
        return handoff.openTicketOf("telegram:" + chat).orElseThrow();
    }

    private static List<String> sentTo(long chat) {
        return telegram.sentTo(chat).stream().map(sent -> sent.path("text").asString()).toList();
    }

    private static HttpResponse<String> basic(String user, String password, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What the servlet container does when sessions time out, done now. */
    private static void expireAllSessions() {
        var tomcat = ((TomcatWebServer) ((WebServerApplicationContext) app).getWebServer()).getTomcat();
        for (var child : tomcat.getHost().findChildren()) {
            for (Session session : ((Context) child).getManager().findSessions()) {
                session.expire();
            }
        }
    }
}
