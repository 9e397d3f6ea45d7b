package org.supportbot.conversation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketAssigned;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketReachedFront;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.handoff.TicketTransferred;
import org.supportbot.knowledge.MessageKey;

/**
 * What operators do reaches the customer: a ticket event changes its conversation and tells the
 * customer — an operator joined, they are next, their question moved, the operator's reply, a
 * rating request. Runs on the thread that changed the ticket, after it changed; when that thread
 * is taking a turn, see the package documentation.
 */
@Component
class TicketNotices {

    private static final Logger log = LoggerFactory.getLogger(TicketNotices.class);

    private final Conversations conversations;
    private final TurnJournal journal;
    private final ConversationLocks locks;
    private final CurrentTurn currentTurn;
    private final SenderChannels delivery;
    private final Wording wording;
    private final Clock clock;
    private final Attachments attachments;

    TicketNotices(Conversations conversations, TurnJournal journal, ConversationLocks locks, CurrentTurn currentTurn, SenderChannels delivery,
            Wording wording, Clock clock, Attachments attachments) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.journal = journal;
        this.locks = locks;
        this.currentTurn = currentTurn;
        this.delivery = delivery;
        this.wording = wording;
        this.clock = clock;
    }

    @EventListener
    void on(TicketAssigned event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            state.status = ConversationStatus.WITH_OPERATOR;
            state.ticket = event.ticket().number();
            var name = event.ticket().operatorName() != null ? event.ticket().operatorName() : "";
            say.add(wording.notice(state, MessageKey.OPERATOR_JOINED, Map.of("operator", name)));
        });
    }

    @EventListener
    void on(TicketReachedFront event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            if (state.status == ConversationStatus.WAITING_FOR_OPERATOR && Long.valueOf(event.ticket().number()).equals(state.ticket)) {
                say.add(wording.notice(state, MessageKey.REACHED_FRONT, Map.of()));
            }
        });
    }

    @EventListener
    void on(TicketTransferred event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            state.status = ConversationStatus.WAITING_FOR_OPERATOR;
            state.ticket = event.ticket().number();
            say.add(wording.transferred(state, event.standing()));
        });
    }

    @EventListener
    void on(TicketClosed event) {
        var ticket = event.ticket();
        notice(ticket, event.eventKey(), "bot", (state, say) -> {
            if (!Long.valueOf(ticket.number()).equals(state.ticket)) {
                return; // an old ticket
            }
            state.ticket = null;
            state.status = ConversationStatus.WITH_BOT;
            state.failures = 0;
            if (ticket.asksForRating()) {
                say.add(wording.rateTheHelp(state, ticket.number()));
            } else if (ticket.status() == TicketStatus.RETURNED_TO_BOT) {
                say.add(wording.notice(state, MessageKey.BACK_TO_BOT, Map.of()));
            }
        });
    }

    @EventListener
    void on(TicketMessaged event) {
        if (!"operator".equals(event.author())) {
            return;
        }
        if (!event.attachments().isEmpty()) {
            notice(event.ticket(), event.eventKey(), "operator", (state, say) -> filesTo(state.id, event, say));
            return;
        }
        notice(event.ticket(), event.eventKey(), "operator", (state, say) -> say.add(new OutboundMessage(state.id, event.text(), List.of())));
    }

    /** An operator's files, one message each, the caption with the first; a reference gone meanwhile is skipped. */
    private void filesTo(ConversationId id, TicketMessaged event, List<OutboundMessage> say) {
        var caption = event.text();
        for (var fileId : event.attachments()) {
            var found = attachments.find(fileId);
            if (found.isEmpty()) {
                log.warn("Skipped attachment {} of ticket #{}: no such reference", fileId, event.ticket().number());
                continue;
            }
            say.add(new OutboundMessage(id, caption, List.of(), found.get().attachment()));
            caption = "";
        }
    }

    /** What a ticket event changes in the conversation, and what it says to the customer. */
    @FunctionalInterface
    private interface Change {
        void apply(ConversationState state, List<OutboundMessage> say);
    }

    /**
     * Changes a conversation and tells its customer, for a ticket event. Stored once per event
     * key: an event handled again (an operator's update delivered twice) sends nothing twice.
     */
    private void notice(Ticket ticket, String eventKey, String author, Change change) {
        var id = ConversationId.parse(ticket.conversation());
        var turn = currentTurn.get();
        if (turn != null && turn.conversation.id.equals(id)) {
            change.apply(turn.conversation, turn.later); // caused by this turn: its replies keep the order
            return;
        }
        if (turn != null) {
            // Another conversation (a freed operator was given the next ticket): take its lock only
            // after this turn let go of its own, so two turns can never wait for each other.
            turn.afterward.add(() -> notice(ticket, eventKey, author, change));
            return;
        }
        var lock = locks.of(id);
        List<OutboundMessage> replies = new ArrayList<>();
        lock.lock();
        try {
            var state = conversations.get(id);
            change.apply(state, replies);
            journal.storeNotice(eventKey, state, author, author.equals("operator") ? ticket.operatorName() : null, replies, clock.instant());
        } finally {
            lock.unlock();
        }
        if (!replies.isEmpty()) {
            if (delivery.handles(id.channel())) {
                delivery.queued(id.channel());
            } else {
                log.debug("{} has no sender: the customer sees this in the transcript only", id.channel());
            }
        }
    }
}
