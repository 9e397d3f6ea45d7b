package org.supportbot.conversation;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.supportbot.handoff.Ticket;

/**
 * One turn of the bot while it is being taken: the conversation it changes, what the bot made of
 * the message, and what it says. Used under the conversation's lock, by the thread taking the turn.
 */
final class Turn {

    final ConversationState conversation;
    /** The update's inbox key: what the turn stores and publishes derives its ids from it, so a turn taken twice stores it once. */
    final String key;
    /**
     * Who sent the message as far as limits go ({@link HandoverLimits}): the client's address for
     * the web chat, otherwise the conversation itself (a Telegram or VK chat is its own identity).
     */
    final String origin;
    /** The bot's replies, in order. */
    final List<OutboundMessage> replies = new ArrayList<>();
    /** Notices the turn caused in its own conversation (an operator auto-assigned): said after its replies. */
    final List<OutboundMessage> later = new ArrayList<>();
    /**
     * What runs once the turn is stored and committed and its lock released, in order: events about
     * it, notices it caused in other conversations, {@link ConversationEngine#afterCurrentTurn} actions.
     */
    final List<Runnable> afterward = new ArrayList<>();
    Transcript.Understanding understanding = Transcript.Understanding.NONE;
    /** The conversation's open ticket, as the turn knows it. */
    @Nullable Ticket ticket;

    Turn(ConversationState conversation, String key, String origin) {
        this.conversation = conversation;
        this.key = key;
        this.origin = origin;
    }
}
