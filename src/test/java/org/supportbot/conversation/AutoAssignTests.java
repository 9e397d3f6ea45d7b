package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketStatus;

/** With auto-assignment, a hand-over goes straight to an operator with room, and the next in line when one frees up. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = {
        "supportbot.operators.accounts.vera.name=Вера",
        "supportbot.operators.accounts.vera.capacity=1",
        "supportbot.handoff.auto-assign=true",
        "supportbot.handoff.sla-check-interval=0",
})
class AutoAssignTests {

    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;

    @Test
    void assignsAtOnceWhenThereIsRoomAndTheNextCustomerWhenItFreesUp() {
        var anna = new ConversationId("test", "auto-a-" + System.nanoTime());
        var replies = engine.handle(new InboundMessage(anna, "Анна", new InboundMessage.Text("/operator")));
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).text()).as("after the hand-over message").contains("Вера подключается");
        assertThat(engine.status(anna)).isEqualTo(ConversationStatus.WITH_OPERATOR);

        var boris = new ConversationId("test", "auto-b-" + System.nanoTime());
        var waiting = engine.handle(new InboundMessage(boris, "Борис", new InboundMessage.Text("/operator")));
        assertThat(waiting).singleElement().satisfies(reply -> assertThat(reply.text()).contains("очеред"));
        var borisTicket = handoff.openTicketOf(boris.toString()).orElseThrow();
        assertThat(borisTicket.status()).as("Vera is full").isEqualTo(TicketStatus.WAITING);

        handoff.resolve(handoff.openTicketOf(anna.toString()).orElseThrow().number(), "vera");
        assertThat(handoff.find(borisTicket.number()).orElseThrow().operator()).isEqualTo("vera");
        assertThat(engine.status(boris)).isEqualTo(ConversationStatus.WITH_OPERATOR);
        assertThat(engine.transcript(boris, 10)).extracting(TranscriptEntry::text).anyMatch(text -> text.contains("Вера подключается"));
        handoff.resolve(borisTicket.number(), "vera"); // Vera free again for the other tests
    }

    @Test
    void anOperatorWhoIsAwayOrOfflineIsGivenNothingUntilBackOnline() {
        try {
            handoff.setPresence("vera", org.supportbot.handoff.OperatorStatus.AWAY);
            var customer = new ConversationId("test", "auto-p-" + System.nanoTime());
            engine.handle(new InboundMessage(customer, "Пётр", new InboundMessage.Text("/operator")));
            var ticket = handoff.openTicketOf(customer.toString()).orElseThrow();
            assertThat(ticket.status()).as("Vera is away").isEqualTo(TicketStatus.WAITING);
            handoff.setPresence("vera", org.supportbot.handoff.OperatorStatus.OFFLINE);
            assertThat(handoff.find(ticket.number()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING);

            handoff.setPresence("vera", org.supportbot.handoff.OperatorStatus.ONLINE);
            assertThat(handoff.find(ticket.number()).orElseThrow().operator()).as("offered on coming back").isEqualTo("vera");
            assertThat(engine.status(customer)).isEqualTo(ConversationStatus.WITH_OPERATOR);
            handoff.resolve(ticket.number(), "vera");
        } finally {
            handoff.setPresence("vera", org.supportbot.handoff.OperatorStatus.ONLINE);
        }
    }

    @Test
    void aCustomerWhoGoesBackToTheBotFreesTheOperatorForTheNextOne() {
        var first = new ConversationId("test", "auto-c-" + System.nanoTime());
        engine.handle(new InboundMessage(first, "Карина", new InboundMessage.Text("/operator")));
        assertThat(engine.status(first)).isEqualTo(ConversationStatus.WITH_OPERATOR);
        var second = new ConversationId("test", "auto-d-" + System.nanoTime());
        engine.handle(new InboundMessage(second, "Денис", new InboundMessage.Text("/operator")));
        assertThat(engine.status(second)).isEqualTo(ConversationStatus.WAITING_FOR_OPERATOR);

        // The first customer's turn frees Vera; the second customer's conversation is told in its own turn of the lock.
        engine.handle(new InboundMessage(first, "Карина", new InboundMessage.Text("/bot")));
        assertThat(engine.status(first)).isEqualTo(ConversationStatus.WITH_BOT);
        assertThat(engine.status(second)).isEqualTo(ConversationStatus.WITH_OPERATOR);
        assertThat(engine.transcript(second, 10)).extracting(TranscriptEntry::text).anyMatch(text -> text.contains("Вера подключается"));
        handoff.resolve(handoff.openTicketOf(second.toString()).orElseThrow().number(), "vera");
    }
}
