package org.supportbot.channel.vk;

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
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.ConversationStatus;
import org.supportbot.knowledge.Answer;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;

/**
 * The whole application in Bots Long Poll mode against a local VK API: the real client, the
 * embedded store, the delivery loop. Each test talks in dialogs of its own.
 */
class VkLongPollTests {

    private static final String TOKEN = "vk1.a.longpoll-test-token";
    private static final long GROUP = 229_000_001;
    private static final long RATE_LIMITED = 9_009;
    private static final long GONE = 9_010;
    private static final long NAMELESS = 9_011;
    private static final long LOST_RESPONSE = 9_012;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static FakeVkApi vk;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        var rateLimitedOnce = new AtomicBoolean();
        var droppedOnce = new AtomicBoolean();
        vk.when("messages.send", call -> {
            var peer = call.param("peer_id");
            if (peer.equals(Long.toString(RATE_LIMITED)) && rateLimitedOnce.compareAndSet(false, true)) {
                return FakeVkApi.Reply.error(6, "Too many requests per second");
            }
            if (peer.equals(Long.toString(GONE))) {
                return FakeVkApi.Reply.error(901, "Can't send messages for users without permission");
            }
            if (peer.equals(Long.toString(LOST_RESPONSE)) && droppedOnce.compareAndSet(false, true)) {
                return FakeVkApi.Reply.DROP_AFTER;
            }
            return null;
        });
        vk.when("users.get", call -> call.param("user_ids").contains(Long.toString(NAMELESS))
                ? FakeVkApi.Reply.error(10, "Internal server error") : null);
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "vk-longpoll-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                        "--spring.main.banner-mode=off",
                        "--supportbot.vk.token=" + TOKEN, "--supportbot.vk.group-id=" + GROUP, "--supportbot.vk.api-url=" + vk.url(),
                        "--supportbot.vk.mode=longpoll", "--supportbot.vk.poll-wait=1s", "--supportbot.vk.lease=10s",
                        "--supportbot.operators.accounts.vkop.name=Вера");
        // Like VK, the fake long-polls only events after the ts getLongPollServer gave: wait until the bot polls.
        await().atMost(WAIT).until(() -> !vk.calls("a_check").isEmpty());
        var inbox = app.getBean(Inbox.class);
        // Customers' messages must be stored before the ts passes them (messages in group chats are ignored, not stored).
        vk.checkStoredBeforeConfirmed(event -> !event.path("type").asString("").equals("message_new")
                || event.path("object").path("message").path("peer_id").asLong() >= VkEvents.CHAT_PEER_START
                || inbox.isProcessed("vk:" + event.path("event_id").asString()));
    }

    @AfterAll
    static void stop() {
        app.close();
        vk.close();
    }

    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private static String nextEventId() {
        return "lp" + Long.toHexString(0xabc000 + EVENT_IDS.incrementAndGet());
    }

    private static String status(String eventId) {
        return app.getBean(Outbox.class).status("vk:" + eventId + "#0");
    }

    @Test
    void answersStartWithTheTopicsAsAKeyboardOfTextButtons() {
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_001, "/start", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_001).size() == 1);
        var reply = vk.deliveredTo(9_001).get(0);
        assertThat(reply.text()).containsIgnoringCase("здравствуйте");
        assertThat(reply.keyboard()).isNotNull();
        assertThat(reply.keyboard().path("one_time").asBoolean()).isTrue();
        assertThat(reply.keyboard().path("inline").asBoolean(false)).isFalse();
        var first = reply.keyboard().path("buttons").get(0).get(0).path("action");
        assertThat(first.path("type").asString()).isEqualTo("text");
        assertThat(first.path("payload").asString()).isEqualTo("{\"p\":\"intent:order_status\"}");
        assertThat(vk.calls("users.get")).anyMatch(call -> call.param("user_ids").contains("9001"));
    }

    @Test
    void greetsANewCustomerInTheLanguageOfTheirVkInterface() {
        vk.name(9_002, "Alice");
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_002, "/start", 3));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_002).size() == 1);
        assertThat(vk.deliveredTo(9_002).get(0).text()).contains("Hello").doesNotContainPattern("[А-Яа-я]");
    }

    @Test
    void addressesTheCustomerByTheNameUsersGetGives() {
        // Greetings use the name in about half of their wordings: ten dialogs make one with it all but certain.
        for (int i = 0; i < 10; i++) {
            vk.name(9_100 + i, "Аполлинария");
            vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_100 + i, "/start", 0));
        }

        await().atMost(WAIT).until(() -> java.util.stream.IntStream.range(0, 10).allMatch(i -> vk.deliveredTo(9_100 + i).size() == 1));
        assertThat(java.util.stream.IntStream.range(0, 10).mapToObj(i -> vk.deliveredTo(9_100 + i).get(0).text()))
                .anyMatch(text -> text.contains("Аполлинария"));
    }

    @Test
    void answersWithoutANameWhenUsersGetFails() {
        var id = nextEventId();
        vk.offer(FakeVkApi.messageNew(id, GROUP, NAMELESS, "где мой заказ", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(NAMELESS).size() == 1);
        assertThat(vk.calls("users.get")).anyMatch(call -> call.param("user_ids").contains(Long.toString(NAMELESS)));
        assertThat(vk.deliveredTo(NAMELESS).get(0).text()).doesNotContain("Пользователь");
    }

    @Test
    void movesTheTsPastEventsOnlyAfterTheyAreStoredAndKeepsItInTheStore() {
        var id = nextEventId();
        vk.offer(FakeVkApi.messageNew(id, GROUP, 9_003, "как вернуть товар", 0));

        await().atMost(WAIT).until(() -> vk.calls("a_check").stream()
                .anyMatch(call -> Integer.parseInt(call.param("ts")) >= Integer.parseInt(vk.currentTs())));
        assertThat(app.getBean(Inbox.class).isProcessed("vk:" + id)).isTrue();
        assertThat(vk.confirmedBeforeStored()).isEmpty();
        await().atMost(WAIT).until(() -> vk.currentTs().equals(app.getBean(VkStore.class).longPollTs(GROUP)));
        assertThat(vk.calls("a_check")).allSatisfy(call -> assertThat(call.param("wait")).isEqualTo("1"));
    }

    @Test
    void goesOnFromTheNewTsWhenVkSaysTheTsIsOutdated() {
        int serverCalls = vk.calls("groups.getLongPollServer").size();
        int checks = vk.calls("a_check").size();
        vk.failNextCheck(1);
        // Events offered before the refusal would be lost, as on VK: offer once the poller has gone on.
        await().atMost(WAIT).until(() -> vk.calls("a_check").size() > checks + 1);
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_004, "способы оплаты", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_004).size() == 1);
        assertThat(vk.calls("groups.getLongPollServer")).hasSize(serverCalls);
    }

    @Test
    void getsANewKeyWhenTheKeyExpiredAndKeepsItsTs() {
        int serverCalls = vk.calls("groups.getLongPollServer").size();
        vk.failNextCheck(2);
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_005, "способы оплаты", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_005).size() == 1);
        assertThat(vk.calls("groups.getLongPollServer").size()).isGreaterThan(serverCalls);
    }

    @Test
    void getsANewKeyAndTsWhenVkLostItsState() {
        int serverCalls = vk.calls("groups.getLongPollServer").size();
        vk.failNextCheck(3);
        await().atMost(WAIT).until(() -> vk.calls("groups.getLongPollServer").size() > serverCalls);
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_006, "способы оплаты", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_006).size() == 1);
    }

    @Test
    void answersAKeyboardButtonWithItsIntentsAnswer() {
        vk.name(9_007, "Вера");
        vk.offer(FakeVkApi.keyboardPress(nextEventId(), GROUP, 9_007, "Доставка", "{\"p\":\"intent:delivery_info\"}"));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_007).size() == 1);
        assertThat(vk.deliveredTo(9_007).get(0).text()).isIn(answers("delivery_info", "Вера"));
    }

    @Test
    void answersACallbackButtonWithItsIntentsAnswerAndStopsTheSpinner() {
        vk.name(9_008, "Глеб");
        vk.offer(FakeVkApi.messageEvent(nextEventId(), GROUP, 9_008, "{\"p\":\"intent:return_refund\"}", "ev-9008"));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_008).size() == 1);
        assertThat(vk.deliveredTo(9_008).get(0).text()).isIn(answers("return_refund", "Глеб"));
        await().atMost(WAIT).until(() -> vk.calls("messages.sendMessageEventAnswer").stream()
                .anyMatch(call -> call.param("event_id").equals("ev-9008") && call.param("user_id").equals("9008")
                        && call.param("peer_id").equals("9008")));
    }

    @Test
    void treatsVksStartButtonAsStart() {
        vk.offer(FakeVkApi.keyboardPress(nextEventId(), GROUP, 9_013, "Начать", "{\"command\":\"start\"}"));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_013).size() == 1);
        assertThat(vk.deliveredTo(9_013).get(0).text()).containsIgnoringCase("здравствуйте");
    }

    @Test
    void answersAPhotoWithAnInvitationToTypeAndReadsACaption() {
        vk.offer(FakeVkApi.attachment(nextEventId(), GROUP, 9_014, "photo", ""));
        await().atMost(WAIT).until(() -> vk.deliveredTo(9_014).size() == 1);
        assertThat(vk.deliveredTo(9_014).get(0).text()).contains("только текст");

        vk.offer(FakeVkApi.attachment(nextEventId(), GROUP, 9_014, "doc", "как вернуть товар"));
        await().atMost(WAIT).until(() -> vk.deliveredTo(9_014).size() == 2);
        assertThat(vk.deliveredTo(9_014).get(1).text()).isIn(answers("return_refund", "Пользователь"));
    }

    @Test
    void ignoresGroupChatsWithoutAnswering() {
        long chatPeer = 2_000_000_001L;
        var ignored = nextEventId();
        var event = FakeVkApi.messageNew(ignored, GROUP, 9_015, "где мой заказ", 0);
        ((tools.jackson.databind.node.ObjectNode) event.path("object").path("message")).put("peer_id", chatPeer);
        vk.offer(event);
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_015, "где мой заказ", 0));

        await().atMost(WAIT).until(() -> vk.deliveredTo(9_015).size() == 1);
        assertThat(vk.deliveredTo(chatPeer)).isEmpty();
        assertThat(app.getBean(Inbox.class).isProcessed("vk:" + ignored)).isFalse();
    }

    @Test
    void sendsNothingToAUserWhoDeniedMessagesUntilTheyAllowThem() {
        vk.offer(FakeVkApi.membership("message_deny", nextEventId(), GROUP, 9_016));
        var whileDenied = nextEventId();
        vk.offer(FakeVkApi.messageNew(whileDenied, GROUP, 9_016, "где мой заказ", 0));

        await().atMost(WAIT).until(() -> "failed".equals(status(whileDenied)));
        assertThat(vk.sendCallsTo(9_016)).isEmpty();

        vk.offer(FakeVkApi.membership("message_allow", nextEventId(), GROUP, 9_016));
        vk.offer(FakeVkApi.messageNew(nextEventId(), GROUP, 9_016, "где мой заказ", 0));
        await().atMost(WAIT).until(() -> vk.deliveredTo(9_016).size() == 1);
    }

    @Test
    void givesUpOnAUserVkWillNotDeliverToAndSendsThemNothingMore() {
        var first = nextEventId();
        var second = nextEventId();
        vk.offer(FakeVkApi.messageNew(first, GROUP, GONE, "где мой заказ", 0));
        await().atMost(WAIT).until(() -> "failed".equals(status(first)));

        vk.offer(FakeVkApi.messageNew(second, GROUP, GONE, "как вернуть товар", 0));
        await().atMost(WAIT).until(() -> "failed".equals(status(second)));

        assertThat(vk.sendCallsTo(GONE)).hasSize(1);
        assertThat(app.getBean(VkStore.class).isDenied(GONE)).isTrue();
    }

    @Test
    void retriesAfterAPauseWhenVkSaysTooManyRequests() {
        var id = nextEventId();
        vk.offer(FakeVkApi.messageNew(id, GROUP, RATE_LIMITED, "где мой заказ", 0));

        await().atMost(WAIT).until(() -> vk.sendCallsTo(RATE_LIMITED).size() == 2);
        var attempts = vk.sendCallsTo(RATE_LIMITED);
        assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isGreaterThanOrEqualTo(1_000);
        await().atMost(WAIT).until(() -> "sent".equals(status(id)));
        assertThat(vk.deliveredTo(RATE_LIMITED)).hasSize(1);
    }

    @Test
    void deliversAReplyWhoseResponseWasLostOnceThanksToItsRandomId() {
        var id = nextEventId();
        vk.offer(FakeVkApi.messageNew(id, GROUP, LOST_RESPONSE, "где мой заказ", 0));

        await().atMost(WAIT).until(() -> "sent".equals(status(id)));
        var attempts = vk.sendCallsTo(LOST_RESPONSE);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).param("random_id")).isEqualTo(attempts.get(0).param("random_id"));
        assertThat(vk.deliveredTo(LOST_RESPONSE)).hasSize(1);
    }

    @Test
    void putsACustomerWhoAsksForAnOperatorInTheQueue() {
        var id = nextEventId();
        vk.offer(FakeVkApi.messageNew(id, GROUP, 9_017, "/operator", 0));

        await().atMost(WAIT).until(() -> app.getBean(Inbox.class).isProcessed("vk:" + id));
        assertThat(app.getBean(ConversationEngine.class).status(new ConversationId("vk", "9017")))
                .isEqualTo(ConversationStatus.WAITING_FOR_OPERATOR);
        await().atMost(WAIT).until(() -> vk.deliveredTo(9_017).size() == 1);

        // An operator takes the ticket and answers: the VK customer gets both, through the outbox.
        var handoff = app.getBean(org.supportbot.handoff.Handoff.class);
        var ticket = handoff.openTicketOf("vk:9017").orElseThrow();
        assertThat(ticket.channel()).isEqualTo("vk");
        handoff.operatorWrote(ticket.number(), "vkop", "api:vk-test-1", "Здравствуйте! Я Вера, помогу с заказом.", "api");
        await().atMost(WAIT).until(() -> vk.deliveredTo(9_017).stream().anyMatch(m -> m.toString().contains("помогу с заказом")));
        assertThat(vk.deliveredTo(9_017).toString()).contains("Вера подключается");
    }

    private static java.util.List<String> answers(String intent, String name) {
        return app.getBean(KnowledgeBase.class).content().answer(intent).orElseThrow()
                .variations(Language.RU).stream()
                .map(variation -> variation.replace(Answer.NAME_PLACEHOLDER, name))
                .toList();
    }
}
