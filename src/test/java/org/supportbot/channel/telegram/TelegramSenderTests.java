package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.MovableClock;
import org.supportbot.MemoryStore;

/** The sender with TelegramBots' real client against a local Bot API server; time is a movable clock. */
class TelegramSenderTests {

    private static final String TOKEN = "123456:TEST-token";
    private static final long CHAT = 5001;

    private final FakeBotApi telegram;
    private final MemoryStore memory = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final TelegramSettings settings;
    private final TelegramApi api;
    private final TelegramStore store;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    TelegramSenderTests() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        settings = new TelegramSettings(TOKEN, URI.create(telegram.url()), TelegramSettings.Mode.POLLING, null, null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        api = new TelegramApi(settings);
        store = new TelegramStore(memory, clock);
    }

    @AfterEach
    void close() {
        api.close();
        telegram.close();
        memory.close();
    }

    private TelegramSender sender() {
        return sender(RateLimiter.telegram(clock));
    }

    private TelegramSender sender(RateLimiter limiter) {
        return new TelegramSender(api, store, limiter, settings, duration -> {
            pauses.add(duration);
            clock.advance(duration);
        });
    }

    private static OutboundMessage message(long chat, String text, OutboundMessage.Button... buttons) {
        return new OutboundMessage(new ConversationId("telegram", Long.toString(chat)), text, List.of(buttons));
    }

    @Test
    void sendsTextEscapedForHtmlWithButtonsAsAnInlineKeyboard() throws Exception {
        sender().send("telegram:1#0", message(CHAT, "Здравствуйте, <b>Олег</b> & Ко!",
                new OutboundMessage.Button("Где мой заказ?", "intent:order_status"),
                new OutboundMessage.Button("Оплата", "intent:payment_methods")));

        var sent = telegram.sentTo(CHAT);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("parse_mode").asString()).isEqualToIgnoringCase("HTML");
        assertThat(sent.get(0).path("text").asString()).isEqualTo("Здравствуйте, &lt;b&gt;Олег&lt;/b&gt; &amp; Ко!");
        var keyboard = sent.get(0).path("reply_markup").path("inline_keyboard");
        assertThat(keyboard.size()).isEqualTo(2);
        assertThat(keyboard.get(0).get(0).path("text").asString()).isEqualTo("Где мой заказ?");
        assertThat(keyboard.get(0).get(0).path("callback_data").asString()).isEqualTo("intent:order_status");
        assertThat(keyboard.get(1).get(0).path("callback_data").asString()).isEqualTo("intent:payment_methods");
    }

    @Test
    void splitsATenThousandCharacterReplyWithTheButtonsUnderTheLastPart() throws Exception {
        var paragraph = "Пункт правил возврата <%03d>: " + "подробности ".repeat(40);
        var text = new StringBuilder();
        for (int i = 0; text.length() < 10_000; i++) {
            text.append(String.format(paragraph, i).strip()).append("\n\n");
        }
        var source = text.toString().strip();
        assertThat(source.length()).isGreaterThanOrEqualTo(10_000);

        sender().send("telegram:2#0", message(CHAT, source, new OutboundMessage.Button("Оператор", "intent:human_operator")));

        var sent = telegram.sentTo(CHAT);
        assertThat(sent).hasSize(3);
        var texts = sent.stream().map(json -> json.path("text").asString()).toList();
        assertThat(texts).allSatisfy(part -> assertThat(part.replace("&lt;", "<").replace("&gt;", ">").length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n\n", texts)).isEqualTo(TelegramText.escapeHtml(source));
        assertThat(sent.get(0).has("reply_markup")).isFalse();
        assertThat(sent.get(1).has("reply_markup")).isFalse();
        assertThat(sent.get(2).path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asString())
                .isEqualTo("intent:human_operator");
    }

    @Test
    void goesOnWithTheFirstPartNotSentWhenASplitReplyIsRetried() throws Exception {
        var source = ("Первый абзац. " + "текст ".repeat(600)).strip() + "\n\n" + ("Второй абзац. " + "текст ".repeat(600)).strip()
                + "\n\n" + ("Третий абзац. " + "текст ".repeat(600)).strip();
        var sends = new AtomicInteger();
        telegram.when("sendMessage", call -> sends.incrementAndGet() == 2 ? FakeBotApi.Reply.error(500, "Internal Server Error", null) : null);
        var sender = sender();

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("telegram:3#0", message(CHAT, source)));
        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        sender.send("telegram:3#0", message(CHAT, source));

        var texts = telegram.sentTo(CHAT).stream().map(json -> json.path("text").asString().substring(0, 13)).toList();
        assertThat(texts).containsExactly("Первый абзац.", "Второй абзац.", "Второй абзац.", "Третий абзац.");
    }

    @Test
    void mapsAPayloadTooLongForCallbackDataToAStoredKey() throws Exception {
        var payload = "intent:" + "очень_длинное_намерение_".repeat(5);
        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64);

        sender().send("telegram:4#0", message(CHAT, "Выберите", new OutboundMessage.Button("Длинная", payload)));

        var data = telegram.sentTo(CHAT).get(0).path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asString();
        assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        assertThat(data).isNotEqualTo(payload);
        assertThat(store.payload(data)).isEqualTo(payload);
        assertThat(store.payload("intent:order_status")).isEqualTo("intent:order_status");
    }

    @Test
    void retriesAfterTheDelayTelegramAsksForWhenRateLimited() {
        telegram.when("sendMessage", call -> FakeBotApi.Reply.error(429, "Too Many Requests: retry after 7", 7));

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:5#0", message(CHAT, "Ответ")));

        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retriesWhenTelegramFailsOnItsSide() {
        telegram.when("sendMessage", call -> new FakeBotApi.Reply(502, "<html>Bad Gateway</html>"));
        var badGateway = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:6#0", message(CHAT, "Ответ")));
        telegram.when("sendMessage", call -> FakeBotApi.Reply.error(500, "Internal Server Error", null));
        var serverError = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:6#0", message(CHAT, "Ответ")));

        assertThat(badGateway.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(serverError.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(serverError.retryAfter()).isNull();
    }

    @Test
    void sendsNothingMoreToAUserWhoBlockedTheBot() {
        telegram.when("sendMessage", call -> FakeBotApi.Reply.error(403, "Forbidden: bot was blocked by the user", null));

        var first = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:7#0", message(CHAT, "Ответ")));
        var second = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:8#0", message(CHAT, "Ещё ответ")));

        assertThat(first.kind()).isEqualTo(DeliveryException.Kind.RECIPIENT_GONE);
        assertThat(second.kind()).isEqualTo(DeliveryException.Kind.RECIPIENT_GONE);
        assertThat(telegram.sentTo(CHAT)).hasSize(1);
        assertThat(store.isBlocked(CHAT)).isTrue();
    }

    @Test
    void rejectsAMessageTelegramRefusesForGood() {
        telegram.when("sendMessage", call -> FakeBotApi.Reply.error(400, "Bad Request: can't parse entities", null));

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender().send("telegram:9#0", message(CHAT, "Ответ")));

        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.REJECTED);
        assertThat(failure.getMessage()).contains("can't parse entities");
    }

    @Test
    void doesNotRepeatASendWhoseConnectionDroppedAndLeavesTheRetryToTheOutbox() throws Exception {
        var sender = sender();
        sender.send("telegram:10#0", message(CHAT, "Первый ответ")); // leaves a pooled connection, which OkHttp would retry on
        telegram.when("sendMessage", call -> FakeBotApi.Reply.DROP);

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("telegram:10#1", message(CHAT, "Второй ответ")));

        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        assertThat(telegram.sentTo(CHAT)).extracting(json -> json.path("text").asString())
                .as("the dropped request went out once").containsExactly("Первый ответ", "Второй ответ");
    }

    @Test
    void waitsBrieflyForTheRateLimitOfOneChat() throws Exception {
        var sender = sender();
        for (int i = 0; i < 5; i++) {
            sender.send("telegram:11#" + i, message(CHAT, "Ответ " + i));
        }

        assertThat(telegram.sentTo(CHAT)).extracting(json -> json.path("text").asString())
                .containsExactly("Ответ 0", "Ответ 1", "Ответ 2", "Ответ 3", "Ответ 4");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void handsALongRateLimitWaitBackToTheOutbox() throws Exception {
        long group = -100777;
        var sender = sender(new RateLimiter(clock, 30, 30, 100, 100, 20.0 / 60, 1));
        sender.send("telegram:12#0", message(group, "Первое"));

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("telegram:12#1", message(group, "Второе")));

        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(telegram.sentTo(group)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void keepsTheTokenOutOfTheSettingsDescription() {
        assertThat(settings.toString()).doesNotContain(TOKEN);
        assertThat(settings.mask(telegram.url() + "/bot" + TOKEN + "/sendMessage")).doesNotContain(TOKEN).contains("<token>");
    }


    /**
     * Regression (bench/reliability/load.sh): TelegramBots' client sends through OkHttp's
     * asynchronous calls, 5 to a host at a time by default, so delivery topped out at 108 replies/s
     * whatever its threads.
     */
    @Test
    void sendsToManyChatsAtOnce() throws Exception {
        int chats = 12;
        assertThat(burst(chats, 0)).as("sends in flight at once").isEqualTo(chats);
    }

    /**
     * Regression (bench/reliability/load.sh): OkHttp keeps 5 idle connections by default, so after
     * each burst all but 5 of the connections it had open were closed, and the next burst opened
     * them again: a fifth of the delivery's CPU went to connecting (and, to Telegram, to TLS handshakes).
     */
    @Test
    void keepsItsConnectionsToTheBotApiFromBurstToBurst() throws Exception {
        int chats = 12;
        for (int round = 0; round < 3; round++) {
            burst(chats, round * 100);
        }
        assertThat(telegram.connectionsOpened()).as("connections opened for 3 bursts of %d sends at once", chats).isEqualTo(chats);
    }

    /** Sends to {@code chats} chats at once, the fake answering once all are in flight; returns how many were in flight at most. */
    private int burst(int chats, int firstChat) throws Exception {
        var arrived = new java.util.concurrent.CountDownLatch(chats);
        var inFlight = new AtomicInteger();
        var peak = new AtomicInteger();
        telegram.when("sendMessage", call -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            arrived.countDown();
            try {
                // answer once all are in flight; giving up (a test gone wrong) must not come first on a busy machine
                arrived.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return null; // the usual answer
        });
        var sender = sender(new RateLimiter(clock, 1000, 1000, 1, 3, 20.0 / 60, 20));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(chats);
        try {
            var sends = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < chats; i++) {
                long chat = CHAT + firstChat + i;
                sends.add(pool.submit(() -> {
                    sender.send("telegram:" + chat + "#0", message(chat, "Ваш заказ в пути"));
                    return null;
                }));
            }
            for (var send : sends) {
                send.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return peak.get();
    }
}
