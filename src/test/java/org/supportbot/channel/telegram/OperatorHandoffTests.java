package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.ConversationStatus;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;
import tools.jackson.databind.JsonNode;

/**
 * The operator handoff end to end in Telegram: a customer and an operator group (a forum) on a
 * local Bot API server, TelegramBots' real client, the embedded store and the delivery loop.
 */
class OperatorHandoffTests {

    private static final String TOKEN = "515151:handoff-test-token";
    private static final long GROUP = -1004242;
    private static final long OPERATOR = 9001;
    private static final long STRANGER = 9666;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static final AtomicLong UPDATE_IDS = new AtomicLong(1000);
    /** Threads whose topic the fake says is deleted, once. */
    private static final AtomicLong DELETED_THREAD = new AtomicLong(-1);

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        var deletedOnce = new AtomicBoolean();
        telegram.when("sendMessage", call -> {
            var json = call.json();
            if (json != null && json.path("message_thread_id").asLong(-2) == DELETED_THREAD.get() && deletedOnce.compareAndSet(false, true)) {
                return FakeBotApi.Reply.error(400, "Bad Request: message thread not found", null);
            }
            return null;
        });
        app = TelegramApps.withOperatorGroup(telegram, TOKEN, GROUP, OPERATOR, "handoff-", false);
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
    }

    private static long nextId() {
        return UPDATE_IDS.incrementAndGet();
    }

    private static String text(JsonNode sent) {
        return sent.path("text").asString();
    }

    private Ticket ticketOf(long chat) {
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).openTicketOf("telegram:" + chat).isPresent());
        return app.getBean(Handoff.class).openTicketOf("telegram:" + chat).orElseThrow();
    }

    /** The forum topic the bot created for a ticket: its thread id, once its header is sent. */
    private long topicOf(Ticket ticket) {
        await().atMost(WAIT).until(() -> app.getBean(OperatorTopics.class).threadOf(ticket.number()).isPresent());
        return app.getBean(OperatorTopics.class).threadOf(ticket.number()).getAsInt();
    }

    @Test
    void anOperatorAnswersAnOutOfScopeQuestionInTheTicketsTopicAndTheCustomerRatesTheHelp() {
        long customer = 8001;
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Ольга", "а у вас есть оптовые цены для юрлиц"));

        // The customer is told a person will answer, with the queue position and a wait estimate.
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).size() == 1);
        var handedOver = text(telegram.sentTo(customer).get(0));
        assertThat(handedOver).contains("очеред").containsPattern("\\d+ (минут|час)");
        var ticket = ticketOf(customer);
        assertThat(ticket.customerName()).isEqualTo("Ольга");
        assertThat(ticket.transcript()).extracting(Ticket.Line::text).contains("а у вас есть оптовые цены для юрлиц");

        // A topic appears in the operator group, headed with the customer, channel, intent and the conversation.
        long thread = topicOf(ticket);
        assertThat(telegram.calls("createForumTopic")).anySatisfy(call ->
                assertThat(call.json().path("name").asString()).contains("#" + ticket.number()).contains("Ольга"));
        await().atMost(WAIT).until(() -> !telegram.sentToTopic(GROUP, thread).isEmpty());
        var header = text(telegram.sentToTopic(GROUP, thread).get(0));
        assertThat(header).contains("#" + ticket.number()).contains("Ольга").contains("telegram").contains("оптовые цены");

        // The operator writes in the topic: the customer gets it, and is told who joined.
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "Здравствуйте! Да, для юрлиц есть оптовый прайс, пришлю его сюда."));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).stream().anyMatch(s -> text(s).contains("оптовый прайс")));
        assertThat(telegram.sentTo(customer)).extracting(OperatorHandoffTests::text).anyMatch(t -> t.contains("Анна"));
        assertThat(app.getBean(ConversationEngine.class).status(new ConversationId("telegram", Long.toString(customer))))
                .isEqualTo(ConversationStatus.WITH_OPERATOR);

        // The customer's next message goes to the topic, and the bot stays silent.
        int before = telegram.sentTo(customer).size();
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Ольга", "спасибо, жду"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("спасибо, жду")));
        assertThat(telegram.sentTo(customer)).hasSize(before);

        // /close → the customer is asked for a rating 1–5; the rating is stored with the ticket.
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/close"));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).stream().anyMatch(s -> s.has("reply_markup")
                && s.path("reply_markup").path("inline_keyboard").size() == 5));
        var rating = telegram.sentTo(customer).stream().filter(s -> s.path("reply_markup").path("inline_keyboard").size() == 5).findFirst().orElseThrow();
        var five = rating.path("reply_markup").path("inline_keyboard").get(4).get(0).path("callback_data").asString();
        assertThat(five).isEqualTo("csat:" + ticket.number() + ":5");
        telegram.offer(FakeBotApi.buttonUpdate(nextId(), customer, "Ольга", five));
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(ticket.number()).orElseThrow().csat() != null);
        var rated = app.getBean(Handoff.class).find(ticket.number()).orElseThrow();
        assertThat(rated.status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(rated.csat()).isEqualTo(5);
        assertThat(rated.history()).extracting(Ticket.Step::action).containsSubsequence("opened", "assigned", "first response", "resolved", "rated");

        // An optional comment after the rating is stored too.
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Ольга", "Анна молодец, быстро разобралась"));
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(ticket.number()).orElseThrow().comment() != null);
        assertThat(app.getBean(Handoff.class).find(ticket.number()).orElseThrow().comment()).isEqualTo("Анна молодец, быстро разобралась");
    }

    @Test
    void refusesSomeoneWhoIsNotAnOperator() {
        long customer = 8002;
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Пётр", "/operator"));
        var ticket = ticketOf(customer);
        long thread = topicOf(ticket);

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, STRANGER, "Мошенник", "Переведите деньги на карту 1234"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("только операторы")));
        assertThat(telegram.sentTo(customer)).extracting(OperatorHandoffTests::text).noneMatch(t -> t.contains("1234"));
        assertThat(app.getBean(Handoff.class).find(ticket.number()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING);
    }

    @Test
    void releasesAConversationBackToTheBotWhichAnswersAgain() {
        long customer = 8003;
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Ирина", "/operator"));
        var ticket = ticketOf(customer);
        long thread = topicOf(ticket);
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/take"));
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).find(ticket.number()).orElseThrow().status() == TicketStatus.ASSIGNED);

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/relase"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("Не знаю команду /relase")));
        assertThat(telegram.sentTo(customer)).as("a typo never reaches the customer").extracting(OperatorHandoffTests::text)
                .noneMatch(t -> t.contains("/relase"));

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/release"));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).stream().anyMatch(s -> text(s).contains("бот")
                && text(s).contains("/operator") && !text(s).contains("очеред")));
        int before = telegram.sentTo(customer).size();
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Ирина", "какие способы оплаты есть"));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).size() > before);
        assertThat(text(telegram.sentTo(customer).get(before))).containsIgnoringCase("оплат");
    }

    @Test
    void recreatesADeletedTopicOnTheNextMessage() {
        long customer = 8004;
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Семён", "/operator"));
        var ticket = ticketOf(customer);
        long thread = topicOf(ticket);
        await().atMost(WAIT).until(() -> !telegram.sentToTopic(GROUP, thread).isEmpty());
        int topicsBefore = telegram.calls("createForumTopic").size();
        DELETED_THREAD.set(thread); // someone deleted the topic

        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Семён", "у меня сломался заказ номер 5512"));
        await().atMost(WAIT).until(() -> app.getBean(OperatorTopics.class).threadOf(ticket.number()).orElse((int) thread) != thread);
        long newThread = app.getBean(OperatorTopics.class).threadOf(ticket.number()).getAsInt();
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, newThread).stream().anyMatch(s -> text(s).contains("5512")));
        assertThat(telegram.calls("createForumTopic")).hasSizeGreaterThan(topicsBefore);
        assertThat(text(telegram.sentToTopic(GROUP, newThread).get(0))).as("the new topic starts with the ticket's header")
                .contains("#" + ticket.number());
    }
}
