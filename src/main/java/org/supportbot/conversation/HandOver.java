package org.supportbot.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Escalation;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.knowledge.Reply;
import org.supportbot.nlu.Decision;

/**
 * Hands a conversation to a person and keeps it in step with its ticket: opens the ticket, tells the
 * customer where they stand in the queue, and lets them stop waiting.
 */
@Component
class HandOver {

    private final Handoff handoff;
    private final KnowledgeBase knowledge;
    private final HandoverLimits limits;
    private final Wording wording;

    HandOver(Handoff handoff, KnowledgeBase knowledge, HandoverLimits limits, Wording wording) {
        this.handoff = handoff;
        this.knowledge = knowledge;
        this.limits = limits;
        this.wording = wording;
    }

    /**
     * Opens a ticket for the conversation, or tells the customer they already have one. Over the
     * hand-over limits ({@link HandoverLimits}) nothing is opened — no ticket, no event, no
     * operators' topic — and the customer is asked to try again shortly.
     */
    void handOver(Turn turn, Decision.Reason reason, @Nullable String intent) {
        handOver(turn, reason, intent, null);
    }

    /** As {@link #handOver(Turn, Decision.Reason, String)}, opening with {@code lead} (words already said for it) when not null. */
    void handOver(Turn turn, Decision.Reason reason, @Nullable String intent, @Nullable String lead) {
        var conversation = turn.conversation;
        conversation.failures = 0;
        if (turn.ticket != null) { // e.g. the "operator" button pressed while waiting
            alreadyWithPerson(turn);
            return;
        }
        if (!limits.tryTake(turn.origin, conversation.id.toString())) {
            wording.say(turn, MessageKey.HANDOFF_LATER, List.of());
            return;
        }
        conversation.handovers++;
        var opened = handoff.open(new Escalation(conversation.id + "#" + conversation.handovers, conversation.id.toString(),
                conversation.id.channel(), conversation.name, conversation.language, intent, reason.name().toLowerCase(Locale.ROOT),
                conversation.recentLines(), conversation.learnt));
        var ticket = opened.ticket();
        turn.ticket = ticket;
        conversation.ticket = ticket.number();
        conversation.relayNotice = null;
        if (conversation.status != ConversationStatus.WITH_OPERATOR) { // an auto-assignment may have come first
            conversation.status = ticket.status() == TicketStatus.ASSIGNED ? ConversationStatus.WITH_OPERATOR : ConversationStatus.WAITING_FOR_OPERATOR;
        }
        if (!opened.isNew()) {
            alreadyWithPerson(turn);
            return;
        }
        String first;
        if (lead != null) {
            first = lead;
        } else if (reason == Decision.Reason.REPEATED_FAILURE) {
            first = wording.text(conversation, MessageKey.GIVING_UP);
        } else {
            boolean ownWords = intent != null && !IntentDefinition.OUT_OF_SCOPE.equals(intent)
                    && (reason == Decision.Reason.INTENT_NEEDS_PERSON || reason == Decision.Reason.CUSTOMER_REQUEST);
            var rendered = ownWords ? knowledge.render(intent, conversation.language, conversation.name) : Optional.<Reply>empty();
            first = rendered.map(Reply::text).orElseGet(() -> wording.text(conversation, MessageKey.HANDOFF));
        }
        if (ticket.status() == TicketStatus.WAITING) {
            wording.waiting(turn, first, opened.standing(), handoff.hours());
        } else {
            wording.say(turn, first);
        }
    }

    /** The customer asks for a person while they have one, or are waiting for one. */
    void alreadyWithPerson(Turn turn) {
        var ticket = turn.ticket;
        if (ticket != null && ticket.status() == TicketStatus.ASSIGNED) {
            wording.say(turn, MessageKey.WITH_OPERATOR_ALREADY, Map.of("operator", ticket.operatorName() == null ? "" : ticket.operatorName()), List.of());
        } else if (ticket != null) {
            var lead = wording.text(turn.conversation, MessageKey.ALREADY_WAITING);
            wording.waiting(turn, lead, handoff.standing(ticket), handoff.hours());
        } else {
            wording.say(turn, MessageKey.ALREADY_WAITING, List.of());
        }
    }

    /** Brings the conversation's status in line with its ticket (an operator may have acted on another instance). */
    void refresh(Turn turn) {
        var conversation = turn.conversation;
        if (conversation.ticket == null) {
            if (conversation.status != ConversationStatus.WITH_BOT && conversation.status != ConversationStatus.CLOSED) {
                conversation.status = ConversationStatus.WITH_BOT; // waiting from before tickets existed: ask again
            }
            return;
        }
        Ticket ticket = handoff.find(conversation.ticket).filter(Ticket::isOpen).orElse(null);
        turn.ticket = ticket;
        if (ticket == null) {
            conversation.ticket = null;
            conversation.status = ConversationStatus.WITH_BOT;
        } else {
            conversation.status = ticket.status() == TicketStatus.ASSIGNED ? ConversationStatus.WITH_OPERATOR : ConversationStatus.WAITING_FOR_OPERATOR;
        }
    }

    /** The customer no longer wants a person: their ticket is cancelled and the bot takes the conversation back. */
    void cancel(Turn turn) {
        var conversation = turn.conversation;
        handoff.cancelByCustomer(conversation.id.toString());
        turn.ticket = null;
        conversation.ticket = null;
        conversation.status = ConversationStatus.WITH_BOT;
        wording.say(turn, MessageKey.CANCELLED, List.of());
    }
}
