package org.supportbot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.supportbot.store.Outbox;

/**
 * Takes the bot's turn in a conversation: stores what arrived, understands it, and replies with
 * an answer, a "did you mean" question, or a hand-over to a person.
 *
 * <p>Exactly once, as the customer sees it: an update is stored in the inbox under its platform
 * key before anything else; a redelivered update is not processed again; replies are stored in
 * the outbox (for channels with a {@link MessageSender}) under ids derived from the update, so a
 * turn interrupted by a crash and taken again after restart stores — and sends — each reply once.
 *
 * <p>Thread-safe. Messages of one conversation are handled one at a time, in the order of the
 * calls; different conversations in parallel.
 */
@Service
public class ConversationEngine {

    /** The payload prefix of buttons that ask for an intent's answer. */
    public static final String INTENT_PAYLOAD = ButtonPayload.INTENT;
    /**
     * The payload prefix of the "did you mean…?" options: they answer their intent like
     * {@link #INTENT_PAYLOAD} buttons, but belong to one question (channels may show them inline,
     * under that message, rather than as quick replies).
     */
    public static final String CHOICE_PAYLOAD = ButtonPayload.CHOICE;
    /** The payload prefix of the "did this help?" buttons: {@code feedback:yes:<intent>}. */
    public static final String FEEDBACK_PAYLOAD = ButtonPayload.FEEDBACK;
    /** The payload prefix of the rating buttons after an operator resolved a ticket: {@code csat:<ticket>:<1-5>}. */
    public static final String CSAT_PAYLOAD = ButtonPayload.CSAT;
    /** The payload of the button that stops waiting for an operator. */
    public static final String CANCEL_WAITING_PAYLOAD = ButtonPayload.CANCEL_WAITING;

    private final TurnIntake intake;
    private final CurrentTurn currentTurn;
    private final Conversations conversations;
    private final Transcript transcript;
    private final Outbox outbox;
    private final SenderChannels delivery;

    // The turn itself is taken in package-private rooms: see the package documentation.
    ConversationEngine(TurnIntake intake, CurrentTurn currentTurn, Conversations conversations, Transcript transcript, Outbox outbox,
            SenderChannels delivery) {
        this.intake = intake;
        this.currentTurn = currentTurn;
        this.conversations = conversations;
        this.transcript = transcript;
        this.outbox = outbox;
        this.delivery = delivery;
    }

    /**
     * Receives one platform update: stores it, and unless it was processed before, takes the
     * bot's turn. Returns when the update and its replies are stored.
     *
     * @param updateKey unique per platform update, e.g. {@code telegram:8812345}; a key seen before is a redelivery
     * @return the bot's replies, in order: for channels without a {@link MessageSender} the caller
     *         delivers them; for the others they are already in the outbox. Empty for a redelivery.
     */
    public List<OutboundMessage> receive(String updateKey, InboundMessage message) {
        Objects.requireNonNull(updateKey, "updateKey");
        Objects.requireNonNull(message, "message");
        return intake.receive(updateKey, message, message.conversation().toString());
    }

    /** Receives a message that has no platform update id (terminal, tests): never a redelivery. */
    public List<OutboundMessage> handle(InboundMessage message) {
        return handle(message, message.conversation().toString());
    }

    /**
     * Receives a message that has no platform update id, from a sender that may open many
     * conversations — the web chat, where each new session is a new one: never a redelivery.
     *
     * @param origin who sent it, for the limit on hand-overs ({@code supportbot.limits.handovers-per-minute}):
     *        the client's address. Not stored. Messages of a Telegram or VK chat count as the chat's own.
     */
    public List<OutboundMessage> handle(InboundMessage message, String origin) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(origin, "origin");
        return intake.receive(message.conversation().channel() + ":" + UUID.randomUUID(), message, origin);
    }

    /** Who the customer is talking to now. */
    public ConversationStatus status(ConversationId id) {
        return conversations.find(id).map(state -> state.status).orElse(ConversationStatus.WITH_BOT);
    }

    /**
     * Stores a message for delivery by its channel's {@link MessageSender} (e.g. into the operators'
     * Telegram group), once per {@code deliveryId}: posting the same id again stores nothing.
     *
     * @throws IllegalArgumentException when no sender delivers to that channel
     */
    public void post(String deliveryId, OutboundMessage message) {
        if (!delivery.handles(message.conversation().channel())) {
            throw new IllegalArgumentException("no sender delivers to channel '" + message.conversation().channel() + "'");
        }
        outbox.enqueue(List.of(new Outbox.Message(deliveryId, message.conversation().channel(), message.conversation().chat(),
                MessageCodec.outbound(message), message)), true);
        delivery.queued(message.conversation().channel());
    }

    /** The conversation's transcript for operators, oldest first: the last {@code turns} turns (each a message and its replies). */
    public List<TranscriptEntry> transcript(ConversationId id, int turns) {
        return transcript.entries(id, turns);
    }

    /**
     * What the bot and operators wrote to the customer outside the customer's own turns (an
     * operator's reply, "you are next", a rating request), from {@code since} on, oldest first, at
     * most {@code limit} notices' worth of turns. Channels whose replies do not go through a sender —
     * the web chat — poll this. A notice written in the same millisecond as {@code since} is
     * included: skip those already shown by {@link CustomerNotice#id()}.
     */
    public List<CustomerNotice> noticesSince(ConversationId id, Instant since, int limit) {
        return transcript.noticesSince(id, since, limit);
    }

    /**
     * Streams the customers' messages that arrived in from {@code from} (inclusive) to {@code to} (exclusive) to {@code consumer}, in no
     * particular order, for reports. Reads the store; not for the hot path.
     */
    public void customerTurns(Instant from, Instant to, java.util.function.Consumer<CustomerTurn> consumer) {
        transcript.customerTurns(from, to, consumer);
    }

    /**
     * Runs {@code action} once the turn this thread is taking is stored and committed, or at once
     * when the thread takes no turn. For what shows a turn to people: an event raised in the middle
     * of a turn would otherwise send them to a transcript that does not hold it yet.
     */
    public void afterCurrentTurn(Runnable action) {
        var turn = currentTurn.get();
        if (turn == null) {
            action.run();
        } else {
            turn.afterward.add(action);
        }
    }
}
