package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.knowledge.Answer;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import tools.jackson.databind.JsonNode;

/**
 * The whole application in polling mode against a local Bot API server: TelegramBots' real client,
 * the embedded store, the delivery loop. Each test talks in chats of its own.
 */
class TelegramPollingTests {

    private static final String TOKEN = "424242:polling-test-token";
    private static final long OPERATOR_GROUP = -1009999;
    private static final long RATE_LIMITED_CHAT = 7009;
    private static final long BLOCKING_CHAT = 7010;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        var rateLimitedOnce = new AtomicBoolean();
        telegram.when("sendMessage", call -> {
            var chat = call.json() == null ? "" : call.json().path("chat_id").asString("");
            if (chat.equals(Long.toString(RATE_LIMITED_CHAT)) && rateLimitedOnce.compareAndSet(false, true)) {
                return FakeBotApi.Reply.error(429, "Too Many Requests: retry after 1", 1);
            }
            if (chat.equals(Long.toString(BLOCKING_CHAT))) {
                return FakeBotApi.Reply.error(403, "Forbidden: bot was blocked by the user", null);
            }
            return null;
        });
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "telegram-polling-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                        "--spring.main.banner-mode=off",
                        "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                        "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s",
                        "--supportbot.telegram.lease=10s", "--supportbot.telegram.operator-chat-id=" + OPERATOR_GROUP);
        var inbox = app.getBean(Inbox.class);
        telegram.checkStoredBeforeConfirmed(id -> inbox.isProcessed("telegram:" + id));
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
    }

    /** Telegram's update ids only grow: each test takes the next ones, whatever order the tests run in. */
    private static final AtomicLong UPDATE_IDS = new AtomicLong(100);

    private static long nextId() {
        return UPDATE_IDS.incrementAndGet();
    }

    private static String text(JsonNode sent) {
        return sent.path("text").asString();
    }

    @Test
    void answersAPolledMessageInItsChatWithTopicButtons() {
        long u101 = nextId();
        telegram.offer(FakeBotApi.textUpdate(u101, 7001, "Анна", "/start"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7001).size() == 1);
        var reply = telegram.sentTo(7001).get(0);
        assertThat(text(reply)).containsIgnoringCase("здравствуйте");
        assertThat(reply.path("parse_mode").asString()).isEqualToIgnoringCase("html");
        assertThat(reply.path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asString())
                .isEqualTo("intent:order_status");
        assertThat(telegram.calls("deleteWebhook")).as("a webhook would stop getUpdates").isNotEmpty();
    }

    @Test
    void greetsANewCustomerInTheLanguageOfTheirTelegram() {
        long u100 = nextId();
        telegram.offer(FakeBotApi.withLanguage(FakeBotApi.textUpdate(u100, 7000, "Alice", "/start"), "en-GB"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7000).size() == 1);
        assertThat(text(telegram.sentTo(7000).get(0))).contains("Hello").doesNotContainPattern("[А-Яа-я]");
    }

    @Test
    void movesTheOffsetPastAnUpdateOnlyAfterItIsStored() {
        long u102 = nextId();
        telegram.offer(FakeBotApi.textUpdate(u102, 7002, "Борис", "где мой заказ"));

        await().atMost(WAIT).until(() -> telegram.highestOffset() > u102);
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:" + u102)).isTrue();
        assertThat(telegram.confirmedBeforeStored()).isEmpty();
    }

    @Test
    void answersAButtonPressWithTheIntentsAnswerAndStopsTheSpinner() {
        long u103 = nextId();
        telegram.offer(FakeBotApi.buttonUpdate(u103, 7003, "Вера", "intent:delivery_info"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7003).size() == 1);
        var answers = app.getBean(KnowledgeBase.class).content().answer("delivery_info").orElseThrow()
                .variations(Language.RU).stream()
                .map(variation -> TelegramText.escapeHtml(variation.replace(Answer.NAME_PLACEHOLDER, "Вера")))
                .toList();
        assertThat(text(telegram.sentTo(7003).get(0))).isIn(answers);
        await().atMost(WAIT).until(() -> telegram.calls("answerCallbackQuery").stream()
                .anyMatch(call -> call.json() != null && call.json().path("callback_query_id").asString("").equals("cq-" + u103)));
    }

    @Test
    void answersTheSameUpdateDeliveredTwiceOnce() {
        long u104 = nextId();
        long u105 = nextId();
        var update = FakeBotApi.textUpdate(u104, 7004, "Глеб", "где мой заказ");
        telegram.offer(update);
        telegram.offer(update.deepCopy());
        telegram.offer(FakeBotApi.textUpdate(u105, 7004, "Глеб", "как вернуть товар"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7004).size() >= 2);
        // Replies of one chat go out in order: a second reply to 104 would have come before 105's.
        assertThat(telegram.sentTo(7004)).hasSize(2);
    }

    @Test
    void treatsAnEditedMessageAsANewMessage() {
        long u106 = nextId();
        long u107 = nextId();
        var outbox = app.getBean(Outbox.class);
        telegram.offer(FakeBotApi.textUpdate(u106, 7005, "Дарья", "способы оплаты"));
        telegram.offer(FakeBotApi.editedUpdate(u107, 7005, "Дарья", "как вернуть товар"));

        await().atMost(WAIT).until(() -> "sent".equals(outbox.status("telegram:" + u106 + "#0")) && "sent".equals(outbox.status("telegram:" + u107 + "#0")));
        assertThat(telegram.sentTo(7005)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void answersAStickerWithAnInvitationToType() {
        long u108 = nextId();
        telegram.offer(FakeBotApi.stickerUpdate(u108, 7006, "Егор"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7006).size() == 1);
        assertThat(text(telegram.sentTo(7006).get(0))).contains("только текст");
    }

    @Test
    void ignoresGroupChatsWithoutAnswering() {
        long u109 = nextId();
        long u110 = nextId();
        long u111 = nextId();
        telegram.offer(FakeBotApi.groupTextUpdate(u109, -100555, "где мой заказ"));
        telegram.offer(FakeBotApi.groupTextUpdate(u110, OPERATOR_GROUP, "беру тикет"));
        telegram.offer(FakeBotApi.textUpdate(u111, 7007, "Жанна", "где мой заказ"));

        await().atMost(WAIT).until(() -> telegram.sentTo(7007).size() == 1);
        assertThat(telegram.sentTo(-100555)).isEmpty();
        assertThat(telegram.sentTo(OPERATOR_GROUP)).as("operators chatting in the General topic get no answer")
                .noneMatch(sent -> !sent.has("message_thread_id"));
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:" + u109)).isFalse();
    }

    @Test
    void sendsNothingToAUserWhoBlockedTheBotUntilTheyUnblockIt() {
        long u112 = nextId();
        long u113 = nextId();
        long u114 = nextId();
        long u115 = nextId();
        var outbox = app.getBean(Outbox.class);
        telegram.offer(FakeBotApi.membershipUpdate(u112, 7008, "Зоя", "kicked"));
        telegram.offer(FakeBotApi.textUpdate(u113, 7008, "Зоя", "где мой заказ"));

        await().atMost(WAIT).until(() -> "failed".equals(outbox.status("telegram:" + u113 + "#0")));
        assertThat(telegram.sentTo(7008)).isEmpty();

        telegram.offer(FakeBotApi.membershipUpdate(u114, 7008, "Зоя", "member"));
        telegram.offer(FakeBotApi.textUpdate(u115, 7008, "Зоя", "где мой заказ"));
        await().atMost(WAIT).until(() -> telegram.sentTo(7008).size() == 1);
    }

    @Test
    void retriesNoSoonerThanTelegramAskedWhenRateLimited() {
        long u116 = nextId();
        telegram.offer(FakeBotApi.textUpdate(u116, RATE_LIMITED_CHAT, "Иван", "где мой заказ"));

        await().atMost(WAIT).until(() -> telegram.sendCallsTo(RATE_LIMITED_CHAT).size() == 2);
        var attempts = telegram.sendCallsTo(RATE_LIMITED_CHAT);
        assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(1_000);
        await().atMost(WAIT).until(() -> "sent".equals(app.getBean(Outbox.class).status("telegram:" + u116 + "#0")));
    }

    @Test
    void givesUpOnAUserTelegramSaysBlockedTheBotAndSendsThemNothingMore() {
        long u117 = nextId();
        long u118 = nextId();
        var outbox = app.getBean(Outbox.class);
        telegram.offer(FakeBotApi.textUpdate(u117, BLOCKING_CHAT, "Кира", "где мой заказ"));
        await().atMost(WAIT).until(() -> "failed".equals(outbox.status("telegram:" + u117 + "#0")));

        telegram.offer(FakeBotApi.textUpdate(u118, BLOCKING_CHAT, "Кира", "как вернуть товар"));
        await().atMost(WAIT).until(() -> "failed".equals(outbox.status("telegram:" + u118 + "#0")));

        assertThat(telegram.sendCallsTo(BLOCKING_CHAT)).hasSize(1);
    }

    @Test
    void escapesTheCustomersNameSoThatItCannotBreakTheMarkup() {
        // Greetings use the name in about half of their wordings: twelve chats make one with it all but certain.
        for (int i = 0; i < 12; i++) {
            telegram.offer(FakeBotApi.textUpdate(nextId(), 7100 + i, "<b>Олег</b>", "/start"));
        }

        await().atMost(WAIT).until(() -> java.util.stream.IntStream.range(0, 12).allMatch(i -> telegram.sentTo(7100 + i).size() == 1));
        var texts = java.util.stream.IntStream.range(0, 12).mapToObj(i -> text(telegram.sentTo(7100 + i).get(0))).toList();
        assertThat(texts).noneMatch(text -> text.contains("<b>"));
        assertThat(texts).anyMatch(text -> text.contains("&lt;b&gt;Олег&lt;/b&gt;"));
    }
}
