package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.knowledge.Language;
import tools.jackson.databind.JsonNode;

/**
 * The operators' tools in a ticket's Telegram topic, through a local Bot API server and
 * TelegramBots' real client: private notes, saved replies from {@code replies/}, close reasons.
 */
class OperatorToolsTests {

    private static final String TOKEN = "525252:tools-test-token";
    private static final long GROUP = -1004343;
    private static final long OPERATOR = 9101;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATE_IDS = new AtomicLong(5000);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        app = TelegramApps.withOperatorGroup(telegram, TOKEN, GROUP, OPERATOR, "tools-", false);
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

    private static Handoff handoff() {
        return app.getBean(Handoff.class);
    }

    /** A customer asks for a person; the ticket's topic once its header is there. */
    private static long topicFor(long customer, String name, String languageCode, String question) {
        telegram.offer(FakeBotApi.withLanguage(FakeBotApi.textUpdate(nextId(), customer, name, question), languageCode));
        await().atMost(WAIT).until(() -> handoff().openTicketOf("telegram:" + customer).isPresent());
        var ticket = handoff().openTicketOf("telegram:" + customer).orElseThrow();
        await().atMost(WAIT).until(() -> app.getBean(OperatorTopics.class).threadOf(ticket.number()).isPresent());
        long thread = app.getBean(OperatorTopics.class).threadOf(ticket.number()).getAsInt();
        await().atMost(WAIT).until(() -> !telegram.sentToTopic(GROUP, thread).isEmpty());
        return thread;
    }

    private static Ticket ticketOf(long customer) {
        return handoff().ticketsOf("telegram:" + customer, 1).get(0);
    }

    @Test
    void aNoteInTheTopicIsStoredOnTheTicketAndNeverReachesTheCustomer() {
        long customer = 8101;
        long thread = topicFor(customer, "Вера", "ru", "/operator");
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/take"));
        await().atMost(WAIT).until(() -> ticketOf(customer).status() == TicketStatus.ASSIGNED);
        int sentBefore = telegram.sentTo(customer).size();

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/note постоянная клиентка, промокод VIP-7731 уже давали"));
        await().atMost(WAIT).until(() -> !ticketOf(customer).notes().isEmpty());
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("Заметка сохранена")));

        var note = ticketOf(customer).notes().get(0);
        assertThat(note.text()).isEqualTo("постоянная клиентка, промокод VIP-7731 уже давали");
        assertThat(note.byName()).isEqualTo("Анна");
        // A message to the customer after the note: once it arrives, the note would have arrived before it.
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "Сейчас посмотрю ваш заказ"));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).stream().anyMatch(s -> text(s).contains("Сейчас посмотрю")));
        assertThat(telegram.sentTo(customer).subList(sentBefore, telegram.sentTo(customer).size()))
                .extracting(OperatorToolsTests::text).noneMatch(t -> t.contains("VIP-7731") || t.contains("/note"));

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/note"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("/note клиент просил")));
        assertThat(ticketOf(customer).notes()).hasSize(1);
    }

    @Test
    void aSavedReplyReachesTheCustomerWithTheirFirstNameInTheirLanguage() {
        long russian = 8102;
        long ruThread = topicFor(russian, "Ольга", "ru", "позовите оператора пожалуйста");
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, ruThread, OPERATOR, "Анна", "/r delay"));
        await().atMost(WAIT).until(() -> telegram.sentTo(russian).stream().anyMatch(s -> text(s).contains("задержку заказа")));
        var ru = telegram.sentTo(russian).stream().map(OperatorToolsTests::text).filter(t -> t.contains("задержку заказа")).findFirst().orElseThrow();
        assertThat(ru).startsWith("Ольга, простите").doesNotContain("{");
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, ruThread).stream().anyMatch(s -> text(s).contains("Ольга, простите")));

        long english = 8103;
        long enThread = topicFor(english, "John Smith", "en", "I want to talk to a human please");
        assertThat(ticketOf(english).language()).isEqualTo(Language.EN);
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, enThread, OPERATOR, "Anna", "/r delay"));
        await().atMost(WAIT).until(() -> telegram.sentTo(english).stream().anyMatch(s -> text(s).contains("order is late")));
        var en = telegram.sentTo(english).stream().map(OperatorToolsTests::text).filter(t -> t.contains("order is late")).findFirst().orElseThrow();
        assertThat(en).startsWith("John, I am sorry");

        int before = telegram.sentTo(english).size();
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, enThread, OPERATOR, "Anna", "/r no_such_reply"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, enThread).stream().anyMatch(s -> text(s).contains("no_such_reply")
                && text(s).contains("refund_timing")));
        assertThat(telegram.sentTo(english)).hasSize(before);
    }

    @Test
    void closingAsSpamAsksNoRatingAndAnUnknownReasonClosesNothing() {
        long customer = 8104;
        long thread = topicFor(customer, "Бот", "ru", "/operator");
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/close nonsense"));
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("nonsense")
                && text(s).contains("spam")));
        assertThat(ticketOf(customer).isOpen()).isTrue();

        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/close spam"));
        await().atMost(WAIT).until(() -> ticketOf(customer).status() == TicketStatus.RESOLVED);
        await().atMost(WAIT).until(() -> telegram.sentToTopic(GROUP, thread).stream().anyMatch(s -> text(s).contains("спам")));
        assertThat(ticketOf(customer).closeReason()).isEqualTo("spam");
        // The customer writes again: the bot answers (so anything queued before has been sent) and no rating was asked.
        int before = telegram.sentTo(customer).size();
        telegram.offer(FakeBotApi.textUpdate(nextId(), customer, "Бот", "какие способы оплаты есть"));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).size() > before);
        assertThat(telegram.sentTo(customer)).noneMatch(s -> s.path("reply_markup").path("inline_keyboard").size() == 5);
        assertThat(telegram.sentTo(customer)).extracting(OperatorToolsTests::text).noneMatch(t -> t.contains("оцен"));
    }

    @Test
    void aPlainCloseStoresTheDefaultReasonAndTagsAreKeptOnTheTicket() {
        long customer = 8105;
        long thread = topicFor(customer, "Игорь", "ru", "/operator");
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/tag Доставка #сдэк"));
        await().atMost(WAIT).until(() -> !ticketOf(customer).tags().isEmpty());
        assertThat(ticketOf(customer).tags()).containsExactly("доставка", "сдэк");
        telegram.offer(FakeBotApi.topicMessage(nextId(), GROUP, thread, OPERATOR, "Анна", "/close"));
        await().atMost(WAIT).until(() -> ticketOf(customer).status() == TicketStatus.RESOLVED);
        assertThat(ticketOf(customer).closeReason()).isEqualTo("resolved");
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).stream().anyMatch(s -> s.path("reply_markup").path("inline_keyboard").size() == 5));
    }

    @Test
    void anOperatorTypingInTheConsoleShowsTheCustomerTypingAtMostOnceInFiveSeconds() {
        long customer = 8106;
        topicFor(customer, "Нина", "ru", "/operator");
        var id = new org.supportbot.conversation.ConversationId("telegram", Long.toString(customer));
        for (int i = 0; i < 3; i++) {
            app.publishEvent(new org.supportbot.conversation.OperatorTyping(id)); // the console's typing requests, one after another
        }
        app.publishEvent(new org.supportbot.conversation.OperatorTyping(new org.supportbot.conversation.ConversationId("vk", "77")));
        var actions = telegram.calls("sendChatAction").stream().map(FakeBotApi.Call::json)
                .filter(json -> json.path("chat_id").asString().equals(Long.toString(customer))).toList();
        assertThat(actions).singleElement().satisfies(action -> assertThat(action.path("action").asString()).isEqualTo("typing"));
    }

    @Test
    void theTopicHeaderShowsTheSameCustomersOtherChannelsAndEarlierTicketsLinkedByAProvedPhoneNeverByName() {
        var now = java.time.Instant.now();
        // Earlier, on VK, the customer had a ticket that was closed as a duplicate; they proved their phone there.
        var vk = new org.supportbot.conversation.ConversationId("vk", "555001");
        app.getBean(org.supportbot.conversation.ConversationEngine.class).handle(
                new org.supportbot.conversation.InboundMessage(vk, "Марина", new org.supportbot.conversation.InboundMessage.Text("/operator")));
        var vkTicket = handoff().openTicketOf(vk.toString()).orElseThrow();
        handoff().claim(vkTicket.number(), "tg" + OPERATOR);
        handoff().resolve(vkTicket.number(), "tg" + OPERATOR, "duplicate");
        app.publishEvent(new org.supportbot.conversation.CustomerVerified(vk.toString(), "phone", "79161234567", now));
        // Another customer of the same name proved nothing: never linked.
        var namesake = new org.supportbot.conversation.ConversationId("vk", "555002");
        app.getBean(org.supportbot.conversation.ConversationEngine.class).handle(
                new org.supportbot.conversation.InboundMessage(namesake, "Марина", new org.supportbot.conversation.InboundMessage.Text("привет")));
        long customer = 8107;
        app.publishEvent(new org.supportbot.conversation.CustomerVerified("telegram:" + customer, "phone", "79161234567", now));

        long thread = topicFor(customer, "Марина", "ru", "/operator");
        var header = text(telegram.sentToTopic(GROUP, thread).get(0));
        assertThat(header).contains("Этот же клиент: vk:555001").contains("#" + vkTicket.number() + " vk duplicate").doesNotContain("555002");
        assertThat(app.getBean(org.supportbot.conversation.CustomerLinks.class).linkedTo("vk:555002")).isEmpty();
    }
}
