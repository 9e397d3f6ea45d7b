package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketStatus;

/**
 * The customer's side of a hand-over: what they are told, what reaches the operator, and that the
 * bot keeps quiet while a person holds the conversation.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = {
        "supportbot.operators.accounts.vera.name=Вера",
        "supportbot.operators.accounts.vera.queues=general,complaints,payments,delivery,orders",
        "supportbot.operators.accounts.vera.capacity=50",
        "supportbot.handoff.sla-check-interval=0",
})
@Import(HandoffConversationTests.TranscriptLookout.class)
class HandoffConversationTests {

    /** Looks, as an operator's console does when it hears of a customer's message, for that message in the transcript. */
    static class TranscriptLookout {
        final Map<String, Boolean> storedWhenRaised = new ConcurrentHashMap<>();
        final Map<String, Boolean> storedAfterTheTurn = new ConcurrentHashMap<>();
        @Autowired
        ConversationEngine engine;

        @EventListener
        void on(TicketMessaged event) {
            if (!event.author().equals("customer")) {
                return;
            }
            var id = ConversationId.parse(event.ticket().conversation());
            storedWhenRaised.put(event.text(), stored(id, event.text()));
            engine.afterCurrentTurn(() -> storedAfterTheTurn.put(event.text(), stored(id, event.text())));
        }

        private boolean stored(ConversationId id, String text) {
            return engine.transcript(id, 10).stream().anyMatch(entry -> text.equals(entry.text()));
        }
    }

    @Autowired
    TranscriptLookout lookout;

    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;

    private int chats;

    private ConversationId newChat() {
        return new ConversationId("test", "handoff-" + System.nanoTime() + "-" + (chats++));
    }

    private List<OutboundMessage> say(ConversationId id, String text) {
        return engine.handle(new InboundMessage(id, "Мария", new InboundMessage.Text(text)));
    }

    private long ticket(ConversationId id) {
        return handoff.openTicketOf(id.toString()).orElseThrow().number();
    }

    @Test
    void tellsTheQueuePositionAndWaitAndOffersToStopWaiting() {
        var id = newChat();
        var replies = say(id, "/operator");
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.text()).contains("очеред").containsPattern("(около|примерно через) \\d+ (минут|минуты|минуту|час)");
            assertThat(reply.buttons()).extracting(OutboundMessage.Button::payload).containsExactly(ConversationEngine.CANCEL_WAITING_PAYLOAD);
        });
        var ticket = handoff.find(ticket(id)).orElseThrow();
        assertThat(ticket.reason()).isEqualTo("customer_request");
        assertThat(ticket.customerName()).isEqualTo("Мария");
    }

    @Test
    void passesWhatTheCustomerWritesWhileWaitingToTheTicketAndSaysSoOnce() {
        var id = newChat();
        say(id, "/operator");
        var first = say(id, "хотим закупить оптом партию для юрлица, нужен договор");
        var second = say(id, "и счёт на оплату с НДС пришлите");
        assertThat(first).singleElement().satisfies(reply -> assertThat(reply.text()).contains("оператор увидит"));
        assertThat(second).as("told once per ticket").isEmpty();
        var transcript = engine.transcript(id, 10);
        assertThat(transcript).extracting(TranscriptEntry::text).contains("и счёт на оплату с НДС пришлите");
    }

    @Test
    void letsWhatShowsACustomersMessageToOperatorsWaitUntilTheMessageIsStored() {
        var id = newChat();
        say(id, "/operator");
        say(id, "номер заказа 5521, оплатил дважды");
        assertThat(lookout.storedWhenRaised).as("the event is raised in the middle of the turn")
                .containsEntry("номер заказа 5521, оплатил дважды", false);
        assertThat(lookout.storedAfterTheTurn).containsEntry("номер заказа 5521, оплатил дважды", true);
        var outsideATurn = new java.util.concurrent.atomic.AtomicBoolean();
        engine.afterCurrentTurn(() -> outsideATurn.set(true));
        assertThat(outsideATurn).as("outside a turn it runs at once").isTrue();
    }

    @Test
    void staysSilentWhileAnOperatorHoldsTheConversationAndLetsTheCustomerGoBackToTheBot() {
        var id = newChat();
        say(id, "/operator");
        long number = ticket(id);
        handoff.claim(number, "vera");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WITH_OPERATOR);

        assertThat(say(id, "какие способы оплаты есть?")).as("the operator answers, not the bot").isEmpty();
        assertThat(say(id, "/operator")).singleElement().satisfies(reply -> assertThat(reply.text()).contains("Вера"));

        var back = say(id, "/bot");
        assertThat(back).singleElement().satisfies(reply -> assertThat(reply.text()).contains("отменил"));
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WITH_BOT);
        assertThat(handoff.find(number).orElseThrow().status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(say(id, "какие способы оплаты есть?")).singleElement().satisfies(reply -> assertThat(reply.text()).containsIgnoringCase("оплат"));
    }

    @Test
    void readsCommandsAddressedToTheBotByNameWhileWaitingAsWithoutATicket() {
        var id = newChat();
        say(id, "/operator");
        long number = ticket(id);
        assertThat(say(id, "/operator@SupportBot")).singleElement().satisfies(reply -> assertThat(reply.text()).contains("уже в очереди"));
        assertThat(say(id, "/cancel@SupportBot")).singleElement().satisfies(reply -> assertThat(reply.text()).contains("отменил"));
        assertThat(handoff.find(number).orElseThrow().status()).isEqualTo(TicketStatus.CANCELLED);
    }

    @Test
    void stopsWaitingWithTheButton() {
        var id = newChat();
        say(id, "/operator");
        long number = ticket(id);
        var replies = engine.handle(new InboundMessage(id, null, new InboundMessage.ButtonPress(ConversationEngine.CANCEL_WAITING_PAYLOAD)));
        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.text()).contains("отменил"));
        assertThat(handoff.find(number).orElseThrow().status()).isEqualTo(TicketStatus.CANCELLED);
    }
}
