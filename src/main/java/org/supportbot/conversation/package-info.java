/**
 * The dialog engine: one conversation per (channel, chat), the bot's turn for each inbound
 * message (answer, clarify, hand over), commands and personalisation.
 *
 * <p>Entry point: {@link org.supportbot.conversation.ConversationEngine}. Channels turn platform
 * updates into {@link org.supportbot.conversation.InboundMessage} and deliver
 * {@link org.supportbot.conversation.OutboundMessage}.
 *
 * <h2>Inside</h2>
 * The engine is a facade over package-private rooms:
 * <ul>
 * <li>{@code TurnIntake} stores updates in the inbox, claims them, takes one turn at a time per
 *     conversation ({@code ConversationLocks}) and, after a crash, the turns never taken
 *     ({@code StrandedUpdates});</li>
 * <li>{@code TurnJournal} writes a taken turn — transcript, state, replies, processed mark — and
 *     a ticket notice;</li>
 * <li>the bot's turn ({@code Turn}, its state while taken): {@code BotTurn} reads the message
 *     ({@code Command}, {@code ButtonPayload}, each parsed once) and routes it; {@code Answering}
 *     answers, asks back or hands over; {@code HandOver} opens tickets and tells the queue;
 *     {@code HandoverLimits} bounds how many tickets one client address or conversation opens;
 *     {@code Relay} takes messages while a ticket is open; {@code Satisfaction} takes "did this
 *     help?", ratings and comments — only for the question the bot asked and the customer's own
 *     ticket, once ({@code FeedbackStore}); {@code Misses} tells the editors what the bot could not
 *     serve;</li>
 * <li>{@code TicketNotices} turns ticket events into the conversation's state and notices;</li>
 * <li>{@code Wording}: every word the bot says on its own, from the editors' {@code messages/} bundles.</li>
 * </ul>
 *
 * <h2>Ticket events raised inside a turn</h2>
 * Handoff publishes its events synchronously, on the thread that changed the ticket. When that is a
 * turn's thread — the turn opened a ticket, which auto-assignment gave an operator at once; the
 * customer went back to the bot, which freed an operator for the next customer in line — the
 * listener in {@code TicketNotices} runs inside the turn, under its conversation's lock, and
 * nothing in the event says so. {@code CurrentTurn} (a thread-local, the only one) tells it:
 * <ul>
 * <li>an event about the turn's own conversation changes the turn's state and adds its notice to
 *     the turn's replies, after them: the customer reads "I've passed your question on" before
 *     "Vera has joined", and a channel without a sender gets both from the turn. Stored on its own,
 *     the notice would reach the outbox, and the customer, first;</li>
 * <li>an event about another conversation waits until this turn is stored and its lock released:
 *     taking the other conversation's lock while holding this one's would let two turns, each
 *     freeing an operator for the other's customer, wait for each other forever;</li>
 * <li>{@link org.supportbot.conversation.ConversationEngine#afterCurrentTurn} lets listeners in
 *     other modules wait, the same way, until the turn that raised their event is stored.</li>
 * </ul>
 * Handing the turn to the listener explicitly would need Handoff to carry it through its events. A
 * registry of turns in progress per conversation answers another question — is someone taking a
 * turn of this conversation? — while the listener must know whether this thread is, and of which
 * conversation: another thread's turn on the same conversation it must wait for (by its lock), and
 * this thread's turn on another conversation it must not.
 */
@NullMarked
package org.supportbot.conversation;

import org.jspecify.annotations.NullMarked;
