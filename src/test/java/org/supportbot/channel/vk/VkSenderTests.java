package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** The sender with the real client against a local VK API; time is a movable clock. */
class VkSenderTests {

    private static final String TOKEN = "vk1.a.sender-test-token";
    private static final long GROUP = 229_000_003;
    private static final long PEER = 6_001;

    private final FakeVkApi vk;
    private final MemoryStore memory = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final VkSettings settings;
    private final VkStore store;
    private final VkKeyboards keyboards;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    VkSenderTests() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        settings = new VkSettings(TOKEN, GROUP, URI.create(vk.url()), VkSettings.Mode.LONGPOLL, null, null,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        store = new VkStore(memory, clock);
        keyboards = new VkKeyboards(store);
    }

    @AfterEach
    void close() {
        vk.close();
        memory.close();
    }

    private VkSender sender() {
        return sender(VkRateLimiter.communityToken(clock));
    }

    private VkSender sender(VkRateLimiter limiter) {
        var api = new VkApi(settings, limiter, duration -> {
            pauses.add(duration);
            clock.advance(duration);
        });
        return new VkSender(api, store, keyboards, settings);
    }

    private static OutboundMessage message(String text, OutboundMessage.Button... buttons) {
        return new OutboundMessage(new ConversationId("vk", Long.toString(PEER)), text, List.of(buttons));
    }

    private static String longText() {
        var text = new StringBuilder();
        for (int i = 0; text.length() < 10_000; i++) {
            text.append(String.format("Пункт правил возврата %03d: ", i)).append("подробности ".repeat(40).strip()).append(".\n\n");
        }
        return text.toString().strip();
    }

    @Test
    void sendsPlainTextWithAFixedRandomIdPerReply() throws Exception {
        sender().send("vk:ev1#0", message("Здравствуйте, <b>Олег</b> & Ко!"));
        sender().send("vk:ev1#1", message("Второй ответ"));

        var calls = vk.sendCallsTo(PEER);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).param("message")).isEqualTo("Здравствуйте, <b>Олег</b> & Ко!");
        assertThat(calls.get(0).param("random_id")).isEqualTo(Integer.toString(VkSender.randomId("vk:ev1#0#0")));
        assertThat(calls.get(1).param("random_id")).isNotEqualTo(calls.get(0).param("random_id"));
        assertThat(calls.get(0).param("v")).isEqualTo("5.199");
        assertThat(VkSender.randomId("vk:ev1#0#0")).isPositive().isEqualTo(VkSender.randomId("vk:ev1#0#0"));
    }

    @Test
    void deliversAReplySentAgainAfterALostResponseOnce() throws Exception {
        var drops = new AtomicInteger();
        vk.when("messages.send", call -> drops.getAndIncrement() == 0 ? FakeVkApi.Reply.DROP_AFTER : null);
        var sender = sender();

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("vk:ev2#0", message("Ответ")));
        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        sender.send("vk:ev2#0", message("Ответ"));

        assertThat(vk.sendCallsTo(PEER)).hasSize(2);
        assertThat(vk.deliveredTo(PEER)).extracting(FakeVkApi.Delivered::text).containsExactly("Ответ");
    }

    @Test
    void splitsALongReplyAtParagraphsWithTheKeyboardUnderTheLastPart() throws Exception {
        var source = longText();

        sender().send("vk:ev3#0", message(source, new OutboundMessage.Button("Оператор", "intent:human_operator")));

        var delivered = vk.deliveredTo(PEER);
        assertThat(delivered).hasSize(3);
        assertThat(delivered).allSatisfy(part -> assertThat(part.text().length()).isLessThanOrEqualTo(4096));
        assertThat(delivered).allSatisfy(part -> assertThat(part.text()).endsWith("."));
        assertThat(String.join("\n\n", delivered.stream().map(FakeVkApi.Delivered::text).toList())).isEqualTo(source);
        assertThat(delivered.get(0).keyboard()).isNull();
        assertThat(delivered.get(2).keyboard()).isNotNull();
    }

    @Test
    void sendsEachPartOnceWhenASplitReplyIsSentAgainAfterAFailure() throws Exception {
        var sends = new AtomicInteger();
        vk.when("messages.send", call -> sends.incrementAndGet() == 2 ? FakeVkApi.Reply.error(10, "Internal server error") : null);
        var sender = sender();

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender.send("vk:ev4#0", message(longText())));
        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        sender.send("vk:ev4#0", message(longText()));

        assertThat(vk.sendCallsTo(PEER)).hasSize(5);
        assertThat(vk.deliveredTo(PEER)).hasSize(3);
    }

    @Test
    void sendsQuickRepliesAsAOneTimeKeyboardAndOtherButtonsInline() throws Exception {
        var sender = sender();
        sender.send("vk:ev5#0", message("Выберите тему",
                new OutboundMessage.Button("Где мой заказ?", "intent:order_status"),
                new OutboundMessage.Button("Оплата", "intent:payment_methods")));
        sender.send("vk:ev5#1", message("Ответ помог?",
                new OutboundMessage.Button("Да 👍", "feedback:yes:order_status"),
                new OutboundMessage.Button("Нет 👎", "feedback:no:order_status")));

        var quick = vk.deliveredTo(PEER).get(0).keyboard();
        assertThat(quick.path("one_time").asBoolean()).isTrue();
        assertThat(quick.path("inline").asBoolean(false)).isFalse();
        assertThat(quick.path("buttons").size()).isEqualTo(2);
        assertThat(quick.path("buttons").get(0).get(0).path("action").path("type").asString()).isEqualTo("text");
        assertThat(quick.path("buttons").get(1).get(0).path("action").path("payload").asString()).isEqualTo("{\"p\":\"intent:payment_methods\"}");
        var inline = vk.deliveredTo(PEER).get(1).keyboard();
        assertThat(inline.path("inline").asBoolean()).isTrue();
        assertThat(inline.path("buttons").get(0).get(0).path("action").path("type").asString()).isEqualTo("callback");
        assertThat(inline.path("buttons").get(0).get(0).path("action").path("payload").asString()).isEqualTo("{\"p\":\"feedback:yes:order_status\"}");
    }

    @Test
    void sendsTheChoicesOfADidYouMeanQuestionInline() throws Exception {
        sender().send("vk:ev5b#0", message("Уточните, пожалуйста, вы о чём?",
                new OutboundMessage.Button("Отмена заказа", "choice:order_cancel"),
                new OutboundMessage.Button("Смена адреса", "choice:delivery_address_change"),
                new OutboundMessage.Button("Оператор", "choice:human_operator")));

        var keyboard = vk.deliveredTo(PEER).get(vk.deliveredTo(PEER).size() - 1).keyboard();
        assertThat(keyboard.path("inline").asBoolean()).isTrue();
        assertThat(keyboard.path("buttons").size()).isEqualTo(3);
        assertThat(keyboard.path("buttons").get(1).get(0).path("action").path("type").asString()).isEqualTo("callback");
    }

    @Test
    void keepsKeyboardsWithinVksLimits() throws Exception {
        var many = new ArrayList<OutboundMessage.Button>();
        for (int i = 0; i < 14; i++) {
            many.add(new OutboundMessage.Button("Оценка " + i + " — очень длинная подпись кнопки, длиннее сорока знаков", "csat:T-" + i + ":" + i));
        }
        var topics = new ArrayList<OutboundMessage.Button>();
        for (int i = 0; i < 45; i++) {
            topics.add(new OutboundMessage.Button("Тема " + i, "intent:topic_" + i));
        }
        var sender = sender();

        sender.send("vk:ev6#0", message("Оцените", many.toArray(OutboundMessage.Button[]::new)));
        sender.send("vk:ev6#1", message("Темы", topics.toArray(OutboundMessage.Button[]::new)));

        var delivered = vk.deliveredTo(PEER);
        assertThat(delivered).hasSize(2).allSatisfy(d -> assertThat(FakeVkApi.keyboardProblem(d.keyboard())).isNull());
        var inline = delivered.get(0).keyboard();
        assertThat(inline.path("buttons").size()).isLessThanOrEqualTo(6);
        var label = inline.path("buttons").get(0).get(0).path("action").path("label").asString();
        assertThat(label).hasSizeLessThanOrEqualTo(40).startsWith("Оценка 0").endsWith("…");
        assertThat(delivered.get(1).keyboard().path("buttons").size()).isLessThanOrEqualTo(10);
    }

    @Test
    void carriesAPayloadTooLongForAButtonAsAStoredKey() throws Exception {
        var payload = "intent:" + "очень_длинное_намерение_".repeat(15);
        assertThat(payload.length()).isGreaterThan(255);

        sender().send("vk:ev7#0", message("Выберите", new OutboundMessage.Button("Длинная", payload)));

        var vkPayload = vk.deliveredTo(PEER).get(0).keyboard().path("buttons").get(0).get(0).path("action").path("payload").asString();
        assertThat(vkPayload.length()).isLessThanOrEqualTo(255);
        assertThat(keyboards.pressed(FakeVkApi.JSON.readTree(vkPayload))).isEqualTo(new VkKeyboards.Pressed.Button(payload));
        assertThat(keyboards.pressed(FakeVkApi.JSON.getNodeFactory().stringNode("{\"p\":\"intent:order_status\"}")))
                .isEqualTo(new VkKeyboards.Pressed.Button("intent:order_status"));
    }

    @Test
    void sendsTheTextWithoutTheKeyboardWhenVkRefusesTheKeyboard() throws Exception {
        vk.when("messages.send", call -> call.param("keyboard").isEmpty() ? null : FakeVkApi.Reply.error(911, "Keyboard format is invalid"));

        sender().send("vk:ev8#0", message("Ответ", new OutboundMessage.Button("Оператор", "intent:human_operator")));

        assertThat(vk.deliveredTo(PEER)).extracting(FakeVkApi.Delivered::text).containsExactly("Ответ");
        assertThat(vk.deliveredTo(PEER).get(0).keyboard()).isNull();
    }

    @Test
    void retriesAfterAPauseWhenVkSaysTooManyRequestsOrFloodControl() {
        vk.when("messages.send", call -> FakeVkApi.Reply.error(6, "Too many requests per second"));
        var tooMany = catchThrowableOfType(DeliveryException.class, () -> sender().send("vk:ev9#0", message("Ответ")));
        vk.when("messages.send", call -> FakeVkApi.Reply.error(9, "Flood control"));
        var flood = catchThrowableOfType(DeliveryException.class, () -> sender().send("vk:ev9#0", message("Ответ")));

        assertThat(tooMany.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(tooMany.retryAfter()).isEqualTo(VkSender.TOO_MANY_REQUESTS_PAUSE);
        assertThat(flood.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(flood.retryAfter()).isEqualTo(VkSender.FLOOD_CONTROL_PAUSE);
    }

    @Test
    void sendsNothingMoreToAUserVkWillNotDeliverTo() {
        vk.when("messages.send", call -> FakeVkApi.Reply.error(901, "Can't send messages for users without permission"));

        var first = catchThrowableOfType(DeliveryException.class, () -> sender().send("vk:ev10#0", message("Ответ")));
        var second = catchThrowableOfType(DeliveryException.class, () -> sender().send("vk:ev11#0", message("Ещё ответ")));

        assertThat(first.kind()).isEqualTo(DeliveryException.Kind.RECIPIENT_GONE);
        assertThat(second.kind()).isEqualTo(DeliveryException.Kind.RECIPIENT_GONE);
        assertThat(vk.sendCallsTo(PEER)).hasSize(1);
        assertThat(store.isDenied(PEER)).isTrue();
    }

    @Test
    void rejectsAMessageVkRefusesForGood() {
        vk.when("messages.send", call -> FakeVkApi.Reply.error(100, "One of the parameters specified was missing or invalid"));

        var failure = catchThrowableOfType(DeliveryException.class, () -> sender().send("vk:ev12#0", message("Ответ")));

        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.REJECTED);
        assertThat(failure.getMessage()).contains("100");
    }

    @Test
    void staysWithinTwentyRequestsInAnySecond() throws Exception {
        var sender = sender();
        for (int i = 0; i < 40; i++) {
            sender.send("vk:ev13#" + i, message("Ответ " + i));
        }

        assertThat(vk.deliveredTo(PEER)).hasSize(40);
        // 40 requests at 18 a second after a burst of 1: 39 slots of 1/18 s waited for.
        assertThat(pauses.stream().mapToLong(Duration::toMillis).sum()).isBetween(2_100L, 2_250L);
    }

    @Test
    void handsALongRateLimitWaitBackToTheOutbox() {
        var sender = sender(new VkRateLimiter(clock, 0.1, 1));
        var first = catchThrowableOfType(DeliveryException.class, () -> {
            sender.send("vk:ev14#0", message("Первое"));
            sender.send("vk:ev14#1", message("Второе"));
        });

        assertThat(first.kind()).isEqualTo(DeliveryException.Kind.RETRY);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(vk.deliveredTo(PEER)).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void keepsTheTokenOutOfTheSettingsDescription() {
        assertThat(settings.toString()).doesNotContain(TOKEN);
        assertThat(settings.mask("access_token=" + TOKEN)).doesNotContain(TOKEN).contains("<token>");
    }
}
