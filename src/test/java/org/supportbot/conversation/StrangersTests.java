package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.supportbot.MovableClock;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketEvent;
import org.supportbot.handoff.TicketOpened;
import org.supportbot.store.Store;

/**
 * What a stranger on the open internet can do through the buttons and the hand-over: rate or
 * comment another customer's ticket (nothing), rate their own twice (nothing), tell the bot its
 * answers helped or not without being asked (nothing), and flood the operators (a few tickets).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@RecordApplicationEvents
@TestPropertySource(properties = {
        "supportbot.operators.accounts.vera.name=Вера",
        "supportbot.operators.accounts.vera.queues=general,complaints,payments,delivery,orders,tech",
        "supportbot.operators.accounts.vera.capacity=1000",
        "supportbot.handoff.sla-check-interval=0",
        "supportbot.handoff.auto-assign=false",
        "supportbot.conversation.ask-feedback=true",
})
class StrangersTests {

    private static final Instant START = Instant.parse("2026-11-23T07:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(START);
        }
    }

    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;
    @Autowired
    MovableClock clock;
    @Autowired
    ApplicationEvents events;
    @Autowired
    Store store;

    @BeforeEach
    void anHourLater() {
        clock.advance(Duration.ofHours(1)); // every test starts with fresh hand-over windows
    }

    private static ConversationId chat(String channel) {
        return new ConversationId(channel, "stranger-" + UUID.randomUUID());
    }

    private List<OutboundMessage> say(ConversationId id, String text) {
        return engine.handle(new InboundMessage(id, "Ира", new InboundMessage.Text(text)));
    }

    private List<OutboundMessage> press(ConversationId id, String payload) {
        return engine.handle(new InboundMessage(id, "Ира", new InboundMessage.ButtonPress(payload)));
    }

    /** A customer's ticket, taken and resolved by an operator: the rating is asked for. */
    private Ticket resolvedTicketOf(ConversationId customer) {
        say(customer, "/operator");
        long number = handoff.openTicketOf(customer.toString()).orElseThrow().number();
        handoff.claim(number, "vera");
        handoff.resolve(number, "vera");
        return handoff.find(number).orElseThrow();
    }

    @Test
    void aStrangersRatingAndCommentOfAnotherCustomersTicketChangeNothing() {
        var ticket = resolvedTicketOf(chat("telegram"));
        var stranger = chat("web");
        events.clear();

        var answer = press(stranger, ConversationEngine.CSAT_PAYLOAD + ticket.number() + ":1");
        say(stranger, "ужасный магазин, оператор хамил");

        assertThat(answer).hasSize(1);
        var after = handoff.find(ticket.number()).orElseThrow();
        assertThat(after.csat()).isNull();
        assertThat(after.comment()).isNull();
        assertThat(after.history()).isEqualTo(ticket.history());
        assertThat(events.stream(TicketEvent.class)).as("the words themselves are read as usual: a complaint of their own")
                .noneMatch(event -> event.ticket().number() == ticket.number());
    }

    @Test
    void aSecondRatingOfOnesOwnTicketChangesNothing() {
        var customer = chat("telegram");
        var ticket = resolvedTicketOf(customer);
        press(customer, ConversationEngine.CSAT_PAYLOAD + ticket.number() + ":5");
        say(customer, "спасибо, всё быстро");
        events.clear();

        press(customer, ConversationEngine.CSAT_PAYLOAD + ticket.number() + ":1");
        say(customer, "ужасный магазин, оператор хамил");

        var after = handoff.find(ticket.number()).orElseThrow();
        assertThat(after.csat()).isEqualTo(5);
        assertThat(after.comment()).isEqualTo("спасибо, всё быстро");
        assertThat(after.history()).extracting(Ticket.Step::action).containsOnlyOnce("rated");
        assertThat(events.stream(TicketEvent.class)).as("the words themselves are read as usual: a complaint of their own")
                .noneMatch(event -> event.ticket().number() == ticket.number());
    }

    @Test
    void aRatingOutOfRangeOrOfATicketNotYetResolvedChangesNothing() {
        var customer = chat("telegram");
        say(customer, "/operator");
        var open = handoff.openTicketOf(customer.toString()).orElseThrow();
        press(customer, ConversationEngine.CSAT_PAYLOAD + open.number() + ":5");
        assertThat(handoff.find(open.number()).orElseThrow().csat()).isNull();

        say(customer, "/bot");
        var other = chat("telegram");
        var resolved = resolvedTicketOf(other);
        press(other, ConversationEngine.CSAT_PAYLOAD + resolved.number() + ":0");
        press(other, ConversationEngine.CSAT_PAYLOAD + resolved.number() + ":6");
        assertThat(handoff.find(resolved.number()).orElseThrow().csat()).isNull();
    }

    @Test
    void didThisHelpCountsOnlyForTheAnswerTheBotAskedAboutAndOnce() {
        var customer = chat("telegram");
        var replies = say(customer, "как можно оплатить заказ");
        var yes = replies.stream().flatMap(reply -> reply.buttons().stream()).map(OutboundMessage.Button::payload)
                .filter(payload -> payload.startsWith(ConversationEngine.FEEDBACK_PAYLOAD + "yes:")).findFirst().orElseThrow();
        var intent = yes.substring(yes.lastIndexOf(':') + 1);

        press(customer, ConversationEngine.FEEDBACK_PAYLOAD + "no:" + (intent.equals("order_status") ? "delivery_info" : "order_status"));
        press(customer, ConversationEngine.FEEDBACK_PAYLOAD + "no");
        assertThat(feedbackOf(customer)).isZero();
        press(customer, yes);
        press(customer, yes);
        assertThat(feedbackOf(customer)).isOne();

        var stranger = chat("web");
        press(stranger, yes);
        assertThat(feedbackOf(stranger)).isZero();
    }

    private long feedbackOf(ConversationId id) {
        return store.database().getCollection(FeedbackStore.COLLECTION).countDocuments(Filters.eq("conversation", id.toString()));
    }

    @Test
    void twoHundredHandOversFromOneAddressOpenTenTicketsAMinute() {
        events.clear();
        var chats = new java.util.ArrayList<ConversationId>();
        for (int i = 0; i < 200; i++) {
            var id = chat("web");
            chats.add(id);
            engine.handle(new InboundMessage(id, null, new InboundMessage.Text("/operator")), "198.51.100.7");
        }
        assertThat(events.stream(TicketOpened.class)).hasSize(10);
        assertThat(chats.stream().filter(id -> handoff.openTicketOf(id.toString()).isPresent())).hasSize(10);
        var refused = chats.get(199);
        assertThat(engine.status(refused)).isEqualTo(ConversationStatus.WITH_BOT);
        assertThat(engine.handle(new InboundMessage(refused, null, new InboundMessage.Text("/operator")), "198.51.100.8"))
                .as("another address, the same conversation").hasSize(1);
        assertThat(handoff.openTicketOf(refused.toString())).isPresent();

        clock.advance(Duration.ofSeconds(61));
        var later = chat("web");
        engine.handle(new InboundMessage(later, null, new InboundMessage.Text("/operator")), "198.51.100.7");
        assertThat(handoff.openTicketOf(later.toString())).isPresent();
    }

    @Test
    void aTelegramChatOpensAtMostThreeTicketsInTenMinutes() {
        var customer = chat("telegram");
        for (int i = 0; i < 3; i++) {
            engine.receive("telegram:" + UUID.randomUUID(), new InboundMessage(customer, "Ира", new InboundMessage.Text("/operator")));
            assertThat(handoff.openTicketOf(customer.toString())).isPresent();
            engine.receive("telegram:" + UUID.randomUUID(), new InboundMessage(customer, "Ира", new InboundMessage.Text("/bot")));
        }
        events.clear();
        var refusal = engine.receive("telegram:" + UUID.randomUUID(), new InboundMessage(customer, "Ира", new InboundMessage.Text("/operator")));

        assertThat(refusal).hasSize(1);
        assertThat(handoff.openTicketOf(customer.toString())).isEmpty();
        assertThat(events.stream(TicketOpened.class)).isEmpty();
        assertThat(handoff.ticketsOf(customer.toString(), 10)).hasSize(3);

        clock.advance(Duration.ofMinutes(10));
        engine.receive("telegram:" + UUID.randomUUID(), new InboundMessage(customer, "Ира", new InboundMessage.Text("/operator")));
        assertThat(handoff.openTicketOf(customer.toString())).isPresent();
    }
}
