package org.supportbot.conversation;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.supportbot.handoff.Escalation;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.handoff.QueueStanding;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketAssigned;
import org.supportbot.handoff.TicketClosed;
import org.supportbot.handoff.TicketMessaged;
import org.supportbot.handoff.TicketReachedFront;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.handoff.TicketTransferred;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.Reply;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;
import org.supportbot.nlu.Parse;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import org.supportbot.store.Store;
import org.supportbot.store.WriteCombiner;

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

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    /** The payload prefix of buttons that ask for an intent's answer. */
    public static final String INTENT_PAYLOAD = "intent:";
    /**
     * The payload prefix of the "did you mean…?" options: they answer their intent like
     * {@link #INTENT_PAYLOAD} buttons, but belong to one question (channels may show them inline,
     * under that message, rather than as quick replies).
     */
    public static final String CHOICE_PAYLOAD = "choice:";
    /** The payload prefix of the "did this help?" buttons: {@code feedback:yes:<intent>}. */
    public static final String FEEDBACK_PAYLOAD = "feedback:";
    /** The payload prefix of the rating buttons after an operator resolved a ticket: {@code csat:<ticket>:<1-5>}. */
    public static final String CSAT_PAYLOAD = "csat:";
    /** The payload of the button that stops waiting for an operator. */
    public static final String CANCEL_WAITING_PAYLOAD = "handoff:cancel";

    static final List<String> POPULAR_TOPICS = List.of("order_status", "delivery_info", "payment_methods", "return_refund", "human_operator");
    static final String HUMAN_OPERATOR = "human_operator";
    static final String CAPABILITIES = "bot_capabilities";
    static final Duration CLAIM = Duration.ofSeconds(30);
    private static final int STRIPES = 1024;

    /** The turn this thread is taking, so that a ticket event it causes lands in the turn's replies, in order. */
    private static final ThreadLocal<Turn> CURRENT_TURN = new ThreadLocal<>();

    private final IntentRecognizer nlu;
    private final Handoff handoff;
    private final KnowledgeBase knowledge;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Conversations conversations;
    private final Transcript transcript;
    private final SenderChannels delivery;
    private final MongoCollection<Document> feedback;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RandomGenerator random;
    private final boolean askFeedback;
    private final boolean releaseClaimsOnStart;
    private final String owner = "engine-" + UUID.randomUUID();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Turns of different conversations taken at the same time share their writes. */
    private final WriteCombiner<TurnRecord, @Nullable Void> turnRecords = new WriteCombiner<>(128, this::recordAll);

    @Autowired // the constructor for Spring; the other one lets tests fix the randomness
    ConversationEngine(IntentRecognizer nlu, Handoff handoff, KnowledgeBase knowledge, Inbox inbox, Outbox outbox, Conversations conversations,
            Transcript transcript, SenderChannels delivery, Store store, Clock clock, ApplicationEventPublisher events,
            @Value("${supportbot.conversation.ask-feedback:false}") boolean askFeedback) {
        this(nlu, handoff, knowledge, inbox, outbox, conversations, transcript, delivery, store, clock, events, askFeedback, RandomGenerator.getDefault());
    }

    ConversationEngine(IntentRecognizer nlu, Handoff handoff, KnowledgeBase knowledge, Inbox inbox, Outbox outbox, Conversations conversations,
            Transcript transcript, SenderChannels delivery, Store store, Clock clock, ApplicationEventPublisher events, boolean askFeedback,
            RandomGenerator random) {
        this.nlu = nlu;
        this.handoff = handoff;
        this.knowledge = knowledge;
        this.inbox = inbox;
        this.outbox = outbox;
        this.conversations = conversations;
        this.transcript = transcript;
        this.delivery = delivery;
        this.feedback = store.database().getCollection("feedback");
        this.events = events;
        this.clock = clock;
        this.askFeedback = askFeedback;
        this.random = random;
        // With the embedded store this process is the only one: claims left by a crash are ours.
        this.releaseClaimsOnStart = store.embedded();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
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
        var receipt = inbox.store(updateKey, message.conversation().toString(), MessageCodec.inbound(message), owner, CLAIM);
        if (receipt == Inbox.Receipt.DONE) {
            outbox.commit(); // what told us it is done may not be committed yet: acknowledge only what is
            return List.of();
        }
        return process(updateKey, message, receipt == Inbox.Receipt.NEW);
    }

    /** Receives a message that has no platform update id (web chat, terminal): never a redelivery. */
    public List<OutboundMessage> handle(InboundMessage message) {
        return receive(message.conversation().channel() + ":" + UUID.randomUUID(), message);
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
                MessageCodec.outbound(message))), true);
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
        var turn = CURRENT_TURN.get();
        if (turn == null) {
            action.run();
        } else {
            turn.elsewhere.add(action);
        }
    }

    /** Takes the bot's turn for updates stored before a crash but never processed, oldest first. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        if (releaseClaimsOnStart) {
            long released = outbox.releaseAllClaims();
            if (released > 0) {
                log.info("Released {} replies that were being sent when the bot stopped", released);
            }
            // Updates the crashed process had claimed: without this, a redelivery found them claimed
            // and was acknowledged, and no one answered them until the next restart.
            long unclaimed = inbox.releaseAllClaims();
            if (unclaimed > 0) {
                log.info("Released {} updates that were being processed when the bot stopped", unclaimed);
            }
        }
        int recovered = takeStrandedTurns();
        if (recovered > 0) {
            log.info("Recovered {} updates received before the last stop", recovered);
            delivery.queuedEverywhere();
        }
    }

    /**
     * Takes the bot's turn for stored updates that are not processed and that no one holds a
     * claim on — left by a process that died (on a shared store, another instance), oldest first.
     * Runs at start-up and then periodically ({@link StrandedUpdates}).
     *
     * @return how many updates it took up
     */
    int takeStrandedTurns() {
        int taken = 0;
        var tried = new HashSet<String>();
        while (true) {
            var pending = inbox.unclaimed(clock.instant(), 500);
            // An update another instance claims between our read and our claim is skipped: ask again
            // only for ones not tried yet, so a batch of those cannot keep this loop going.
            var fresh = pending.stream().filter(entry -> tried.add(entry.key())).toList();
            for (var entry : fresh) {
                process(entry.key(), MessageCodec.inbound(entry.payload()), false);
                taken++;
            }
            if (fresh.isEmpty() || pending.size() < 500) {
                return taken;
            }
        }
    }

    /**
     * @param claimed true when {@link #receive} just stored (and so claimed) the update: the first
     *        attempt, nothing of it can be stored yet
     */
    private List<OutboundMessage> process(String key, InboundMessage message, boolean claimed) {
        var lock = locks[Math.floorMod(message.conversation().hashCode(), STRIPES)];
        lock.lock();
        List<OutboundMessage> replies;
        List<Runnable> elsewhere = List.of();
        try {
            if (!claimed && !inbox.claim(key, owner, CLAIM)) {
                // Processed meanwhile, or being processed elsewhere: whoever holds the claim answers,
                // or, if it died, takeStrandedTurns does once the claim runs out. The caller may
                // acknowledge the update: make sure what it acknowledges is committed (a rare path,
                // so holding the lock meanwhile costs little).
                outbox.commit();
                return List.of();
            }
            var state = conversations.get(message.conversation());
            if (message.languageHint() != null && state.stored == null) {
                state.language = message.languageHint(); // a new conversation: greet in the customer's language
            }
            if (message.customerName() != null) {
                state.name = KnowledgeBase.firstName(message.customerName());
            }
            var turn = new Turn(state, key);
            CURRENT_TURN.set(turn);
            try {
                turn.take(message.body());
                turn.replies.addAll(turn.later);
            } finally {
                CURRENT_TURN.remove();
            }
            elsewhere = turn.elsewhere;
            replies = turn.replies;
            var record = new TurnRecord(key, transcript.turn(key, message, turn.understanding, replies, clock.instant()), state,
                    outboxEntries(message.conversation(), key, replies));
            if (claimed) {
                turnRecords.submit(record); // with other conversations' turns, in one round of commands
            } else {
                record(List.of(record), true); // taken again after a crash: its replies may be stored or sent
            }
        } finally {
            lock.unlock();
        }
        // The update, its transcript and replies: durable before the platform hears it arrived.
        outbox.commit();
        elsewhere.forEach(Runnable::run);
        if (!replies.isEmpty() && delivery.handles(message.conversation().channel())) {
            delivery.queued(message.conversation().channel());
        }
        return replies;
    }

    /** What a turn writes: its transcript, the conversation's state, its replies to deliver and its inbox mark. */
    private record TurnRecord(String key, Document transcript, ConversationState state, List<Outbox.Message> replies) {
    }

    private List<@Nullable Void> recordAll(List<TurnRecord> records) {
        record(records, false);
        return java.util.Collections.nCopies(records.size(), null);
    }

    /** Writes turns in this order: transcripts, states, replies, then the updates' processed marks. */
    private void record(List<TurnRecord> records, boolean repliesMayExist) {
        var transcripts = new ArrayList<Document>(records.size());
        var states = new ArrayList<ConversationState>(records.size());
        var replies = new ArrayList<Outbox.Message>();
        var keys = new ArrayList<String>(records.size());
        for (var record : records) {
            transcripts.add(record.transcript());
            states.add(record.state());
            replies.addAll(record.replies());
            keys.add(record.key());
        }
        transcript.recordAll(transcripts);
        conversations.saveAll(states);
        outbox.enqueue(replies, repliesMayExist);
        inbox.markProcessed(keys);
    }

    /** Replies for the outbox, for channels with a sender; ids {@code <key>#<n>} make storing twice store once. */
    private List<Outbox.Message> outboxEntries(ConversationId id, String key, List<OutboundMessage> replies) {
        if (replies.isEmpty() || !delivery.handles(id.channel())) {
            return List.of();
        }
        var entries = new ArrayList<Outbox.Message>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            var reply = replies.get(i);
            entries.add(new Outbox.Message(key + "#" + i, reply.conversation().channel(), reply.conversation().chat(),
                    MessageCodec.outbound(reply)));
        }
        return entries;
    }

    // What operators do reaches the customer: these run on the operator's thread, after the ticket changed.

    @EventListener
    void on(TicketAssigned event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            state.status = ConversationStatus.WITH_OPERATOR;
            state.ticket = event.ticket().number();
            var name = event.ticket().operatorName() != null ? event.ticket().operatorName() : "";
            say.phrase(Phrase.OPERATOR_JOINED, Map.of("operator", name), List.of());
        });
    }

    @EventListener
    void on(TicketReachedFront event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            if (state.status == ConversationStatus.WAITING_FOR_OPERATOR && Long.valueOf(event.ticket().number()).equals(state.ticket)) {
                say.phrase(Phrase.REACHED_FRONT, Map.of(), List.of());
            }
        });
    }

    @EventListener
    void on(TicketTransferred event) {
        notice(event.ticket(), event.eventKey(), "bot", (state, say) -> {
            state.status = ConversationStatus.WAITING_FOR_OPERATOR;
            state.ticket = event.ticket().number();
            say.phrase(Phrase.TRANSFERRED, standingValues(event.standing(), state.language), List.of());
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
            if (ticket.status() == TicketStatus.RESOLVED) {
                var buttons = new ArrayList<OutboundMessage.Button>();
                for (int score = 1; score <= 5; score++) {
                    buttons.add(new OutboundMessage.Button("⭐".repeat(score), CSAT_PAYLOAD + ticket.number() + ":" + score));
                }
                say.raw(Phrase.CSAT_QUESTION.say(state.language, state.name, random), buttons);
            } else if (ticket.status() == TicketStatus.RETURNED_TO_BOT) {
                say.phrase(Phrase.BACK_TO_BOT, Map.of(), List.of());
            }
        });
    }

    @EventListener
    void on(TicketMessaged event) {
        if (!"operator".equals(event.author())) {
            return;
        }
        notice(event.ticket(), event.eventKey(), "operator", (state, say) -> say.raw(event.text(), List.of()));
    }

    /** Collects what a notice says. */
    private interface Notice {
        void phrase(Phrase phrase, Map<String, String> values, List<OutboundMessage.Button> buttons);

        void raw(String text, List<OutboundMessage.Button> buttons);
    }

    @FunctionalInterface
    private interface NoticeChange {
        void apply(ConversationState state, Notice say);
    }

    /**
     * Changes a conversation and tells its customer, for a ticket event. Stored once per event
     * key: an event handled again (an operator's update delivered twice) sends nothing twice.
     */
    private void notice(Ticket ticket, String eventKey, String author, NoticeChange change) {
        var id = ConversationId.parse(ticket.conversation());
        var turn = CURRENT_TURN.get();
        if (turn != null && turn.conversation.id.equals(id)) {
            change.apply(turn.conversation, turn.notice()); // caused by this turn: its replies keep the order
            return;
        }
        if (turn != null) {
            // Another conversation (a freed operator was given the next ticket): take its lock only
            // after this turn let go of its own, so two turns can never wait for each other.
            turn.elsewhere.add(() -> notice(ticket, eventKey, author, change));
            return;
        }
        var lock = locks[Math.floorMod(id.hashCode(), STRIPES)];
        List<OutboundMessage> replies = new ArrayList<>();
        lock.lock();
        try {
            var state = conversations.get(id);
            change.apply(state, collector(state, replies));
            var now = clock.instant();
            conversations.save(state);
            if (!replies.isEmpty()) {
                transcript.recordNotice(eventKey, id, author, author.equals("operator") ? ticket.operatorName() : null, replies, now);
                outbox.enqueue(outboxEntries(id, eventKey, replies), true);
            }
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

    private Notice collector(ConversationState state, List<OutboundMessage> replies) {
        return new Notice() {
            @Override
            public void phrase(Phrase phrase, Map<String, String> values, List<OutboundMessage.Button> buttons) {
                replies.add(new OutboundMessage(state.id, phrase.say(state.language, state.name, random, values), buttons));
            }

            @Override
            public void raw(String text, List<OutboundMessage.Button> buttons) {
                replies.add(new OutboundMessage(state.id, text, buttons));
            }
        };
    }

    /** Placeholders of the queue phrases. */
    private static Map<String, String> standingValues(QueueStanding standing, Language language) {
        return Map.of("position", Integer.toString(Math.max(1, standing.position())), "wait", Phrase.duration(standing.expectedWait(), language));
    }

    private static boolean isSmallTalk(String intent) {
        return List.of("greeting", "goodbye", "thanks", CAPABILITIES).contains(intent);
    }

    private static String clip(String text) {
        return text.length() > InboundMessage.MAX_TEXT_LENGTH ? text.substring(0, InboundMessage.MAX_TEXT_LENGTH) : text;
    }

    /** What the customer said, for operators: the text, or e.g. {@code [photo] caption}; null for a button. */
    private static @Nullable String said(InboundMessage.Body body) {
        if (body instanceof InboundMessage.Text text) {
            return text.text();
        } else if (body instanceof InboundMessage.NonText nonText) {
            return "[" + nonText.kind() + "]" + (nonText.caption() == null || nonText.caption().isBlank() ? "" : " " + nonText.caption());
        }
        return null;
    }

    /** One bot turn: reads and updates the conversation state, collects replies. */
    private final class Turn {
        private final ConversationState conversation;
        private final String key;
        private final List<OutboundMessage> replies = new ArrayList<>();
        private Transcript.Understanding understanding = Transcript.Understanding.NONE;
        private @Nullable Ticket ticket;

        Turn(ConversationState conversation, String key) {
            this.conversation = conversation;
            this.key = key;
        }

        /** Notices this turn caused in other conversations, given after its lock is released. */
        private final List<Runnable> elsewhere = new ArrayList<>();
        /** Notices caused by this turn (an operator auto-assigned) come after the turn's own replies. */
        private final List<OutboundMessage> later = new ArrayList<>();

        Notice notice() {
            return collector(conversation, later);
        }

        void take(InboundMessage.Body body) {
            var said = said(body);
            if (said != null) {
                conversation.remember(said, clock.instant());
            }
            refreshTicket();
            if (ticket != null && withTicket(body, said)) {
                return;
            }
            if (conversation.awaitingComment != null) {
                var forComment = conversation.awaitingComment;
                conversation.awaitingComment = null;
                if (body instanceof InboundMessage.Text text && takeComment(forComment, text.text())) {
                    return;
                }
            }
            if (body instanceof InboundMessage.Text text) {
                onText(text.text());
            } else if (body instanceof InboundMessage.ButtonPress press) {
                onButton(press.payload());
            } else if (body instanceof InboundMessage.NonText nonText) {
                if (nonText.caption() != null && !nonText.caption().isBlank()) {
                    onText(nonText.caption());
                } else {
                    say(Phrase.NON_TEXT, List.of(HUMAN_OPERATOR));
                }
            }
        }

        private void onText(String raw) {
            var text = raw.strip();
            if (text.isEmpty()) {
                say(Phrase.EMPTY, List.of());
                return;
            }
            if (text.length() > InboundMessage.MAX_TEXT_LENGTH) {
                text = text.substring(0, InboundMessage.MAX_TEXT_LENGTH);
            }
            if (text.startsWith("/") && onCommand(text)) {
                return;
            }
            var parse = nlu.parse(text, conversation.language);
            conversation.language = parse.language();
            understanding = new Transcript.Understanding(parse.intent(), parse.confidence(), parse.decision());
            conversation.understood(parse.intent(), parse.confidence());
            decide(parse.decision());
            missed(text, parse);
        }

        /** Tells the editors' loop about a question the bot could not serve (after the turn is stored). */
        private void missed(String text, Parse parse) {
            QuestionMissed.Kind kind = null;
            if (parse.decision() instanceof Decision.Clarify) {
                kind = QuestionMissed.Kind.CLARIFIED;
            } else if (parse.decision() instanceof Decision.Escalate escalate
                    && (escalate.reason() == Decision.Reason.LOW_CONFIDENCE || escalate.reason() == Decision.Reason.OUT_OF_SCOPE)) {
                // Not sure the first time: the customer was asked to rephrase, no one took it (yet).
                kind = ticket == null ? QuestionMissed.Kind.NOT_UNDERSTOOD : QuestionMissed.Kind.ESCALATED;
            }
            if (kind != null) {
                publishMissed(text, kind, parse, null);
            }
        }

        private void publishMissed(String text, QuestionMissed.Kind kind, Parse parse, @Nullable String answeredIntent) {
            var event = new QuestionMissed(key + "#" + kind.name().toLowerCase(Locale.ROOT), conversation.id.toString(), parse.language(),
                    text, kind, parse.ranking(), answeredIntent, ticket == null ? null : ticket.number(), clock.instant());
            elsewhere.add(() -> events.publishEvent(event));
        }

        /** Handles a command; false when it is not one we know, so it is read as text. */
        private boolean onCommand(String text) {
            var command = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            int at = command.indexOf('@'); // "/start@SupportBot" in groups
            if (at > 0) {
                command = command.substring(0, at);
            }
            switch (command) {
                case "/start" -> {
                    conversation.failures = 0;
                    say(Phrase.START, POPULAR_TOPICS);
                    return true;
                }
                case "/help" -> {
                    answer(CAPABILITIES, false);
                    return true;
                }
                case "/operator" -> {
                    handOver(Decision.Reason.CUSTOMER_REQUEST, HUMAN_OPERATOR);
                    return true;
                }
                case "/bot", "/cancel" -> {
                    say(Phrase.NOTHING_TO_CANCEL, List.of());
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private void onButton(String payload) {
            if (payload.startsWith(INTENT_PAYLOAD) || payload.startsWith(CHOICE_PAYLOAD)) {
                var intent = payload.substring(payload.indexOf(':') + 1);
                var definition = knowledge.content().intent(intent).orElse(null);
                if (definition != null && !definition.isOutOfScope()) {
                    understanding = new Transcript.Understanding(intent, 1.0, null);
                    if (definition.escalate()) {
                        handOver(Decision.Reason.CUSTOMER_REQUEST, intent);
                    } else {
                        answer(intent, true);
                    }
                    return;
                }
            } else if (payload.startsWith(FEEDBACK_PAYLOAD)) {
                onFeedback(payload.substring(FEEDBACK_PAYLOAD.length()));
                return;
            } else if (payload.startsWith(CSAT_PAYLOAD) && onRating(payload.substring(CSAT_PAYLOAD.length()))) {
                return;
            } else if (payload.equals(CANCEL_WAITING_PAYLOAD)) {
                say(Phrase.NOTHING_TO_CANCEL, List.of());
                return;
            }
            say(Phrase.UNKNOWN_BUTTON, List.of());
        }

        private void onFeedback(String value) {
            var parts = value.split(":", 2);
            boolean helpful = parts[0].equals("yes");
            var intent = parts.length > 1 ? parts[1] : null;
            feedback.insertOne(new Document("conversation", conversation.id.toString())
                    .append("intent", intent)
                    .append("helpful", helpful)
                    .append("at", Date.from(clock.instant())));
            if (helpful) {
                conversation.failures = 0;
                say(Phrase.FEEDBACK_THANKS, List.of());
            } else {
                conversation.failures++;
                unhelpful(intent);
                say(Phrase.FEEDBACK_SORRY, List.of(HUMAN_OPERATOR));
            }
        }

        /** The question whose answer did not help: the customer's last words the bot took for that intent. */
        private void unhelpful(@Nullable String intent) {
            var lines = conversation.recentLines();
            for (int i = lines.size() - 1; i >= 0 && intent != null; i--) {
                var line = lines.get(i);
                if (intent.equals(line.intent())) {
                    publishMissed(line.text(), QuestionMissed.Kind.UNHELPFUL, nlu.parse(line.text(), conversation.language), intent);
                    return;
                }
            }
        }

        private void decide(Decision decision) {
            if (decision instanceof Decision.Answer answer) {
                answer(answer.intent(), true);
            } else if (decision instanceof Decision.Clarify clarify) {
                conversation.failures++;
                var choices = knowledge.buttons(List.of(clarify.first(), clarify.second(), HUMAN_OPERATOR), conversation.language).stream()
                        .map(b -> new OutboundMessage.Button(b.label(), CHOICE_PAYLOAD + b.intent()))
                        .toList();
                replies.add(new OutboundMessage(conversation.id, Phrase.CLARIFY.say(conversation.language, conversation.name, random), choices));
            } else if (decision instanceof Decision.Escalate escalate) {
                if (escalate.reason() == Decision.Reason.LOW_CONFIDENCE) {
                    // Not sure: let the customer rephrase once; the second miss in a row goes to a person.
                    conversation.failures++;
                    if (conversation.failures >= 2) {
                        handOver(Decision.Reason.REPEATED_FAILURE, escalate.intent());
                    } else {
                        say(Phrase.REPHRASE, List.of(HUMAN_OPERATOR));
                    }
                } else {
                    handOver(escalate.reason(), escalate.intent());
                }
            }
        }

        private void answer(String intent, boolean mayAskFeedback) {
            var reply = knowledge.render(intent, conversation.language, conversation.name);
            if (reply.isEmpty()) {
                handOver(Decision.Reason.LOW_CONFIDENCE, intent);
                return;
            }
            conversation.failures = 0;
            send(reply.get());
            if (askFeedback && mayAskFeedback && isFaq(intent)) {
                replies.add(new OutboundMessage(conversation.id, Phrase.FEEDBACK_QUESTION.say(conversation.language, null, random), List.of(
                        new OutboundMessage.Button(Phrase.yes(conversation.language), FEEDBACK_PAYLOAD + "yes:" + intent),
                        new OutboundMessage.Button(Phrase.no(conversation.language), FEEDBACK_PAYLOAD + "no:" + intent))));
            }
        }

        /** Small talk gets no "did this help?". */
        private boolean isFaq(String intent) {
            return !isSmallTalk(intent);
        }

        private void handOver(Decision.Reason reason, @Nullable String intent) {
            conversation.failures = 0;
            if (ticket != null) { // e.g. the "operator" button pressed while waiting
                alreadyWithPerson();
                return;
            }
            conversation.handovers++;
            var opened = handoff.open(new Escalation(conversation.id + "#" + conversation.handovers, conversation.id.toString(),
                    conversation.id.channel(), conversation.name, conversation.language, intent, reason.name().toLowerCase(Locale.ROOT),
                    conversation.recentLines()));
            ticket = opened.ticket();
            conversation.ticket = ticket.number();
            conversation.relayNotice = null;
            if (conversation.status != ConversationStatus.WITH_OPERATOR) { // an auto-assignment may have come first
                conversation.status = ticket.status() == TicketStatus.ASSIGNED ? ConversationStatus.WITH_OPERATOR : ConversationStatus.WAITING_FOR_OPERATOR;
            }
            if (!opened.isNew()) {
                alreadyWithPerson();
                return;
            }
            String first;
            if (reason == Decision.Reason.REPEATED_FAILURE) {
                first = Phrase.GIVING_UP.say(conversation.language, conversation.name, random);
            } else {
                boolean ownWords = intent != null && !IntentDefinition.OUT_OF_SCOPE.equals(intent)
                        && (reason == Decision.Reason.INTENT_NEEDS_PERSON || reason == Decision.Reason.CUSTOMER_REQUEST);
                var rendered = ownWords ? knowledge.render(intent, conversation.language, conversation.name) : java.util.Optional.<Reply>empty();
                first = rendered.map(Reply::text).orElseGet(() -> Phrase.HANDOFF.say(conversation.language, conversation.name, random));
            }
            if (ticket.status() == TicketStatus.WAITING) {
                first = first + "\n\n" + standing(opened.standing());
                replies.add(new OutboundMessage(conversation.id, first, List.of(cancelButton())));
            } else {
                replies.add(new OutboundMessage(conversation.id, first, List.of()));
            }
        }

        /** Where the customer stands in the queue, in words. */
        private String standing(QueueStanding standing) {
            var language = conversation.language;
            if (!standing.openNow() && standing.nextOpening() != null) {
                return Phrase.AFTER_HOURS.say(language, conversation.name, random, Map.of(
                        "schedule", handoff.hours().description(),
                        "when", Phrase.when(standing.nextOpening(), language)));
            }
            var phrase = standing.position() <= 1 ? Phrase.QUEUED_NEXT : Phrase.QUEUED;
            return phrase.say(language, conversation.name, random, standingValues(standing, language));
        }

        private OutboundMessage.Button cancelButton() {
            return new OutboundMessage.Button(Phrase.cancelWaiting(conversation.language), CANCEL_WAITING_PAYLOAD);
        }

        private void alreadyWithPerson() {
            if (ticket != null && ticket.status() == TicketStatus.ASSIGNED) {
                say(Phrase.WITH_OPERATOR_ALREADY, Map.of("operator", ticket.operatorName() == null ? "" : ticket.operatorName()), List.of());
            } else if (ticket != null) {
                var text = Phrase.ALREADY_WAITING.say(conversation.language, conversation.name, random) + "\n\n" + standing(handoff.standing(ticket));
                replies.add(new OutboundMessage(conversation.id, text, List.of(cancelButton())));
            } else {
                say(Phrase.ALREADY_WAITING, List.of());
            }
        }

        /** Brings the conversation's status in line with its ticket (an operator may have acted on another instance). */
        private void refreshTicket() {
            if (conversation.ticket == null) {
                if (conversation.status != ConversationStatus.WITH_BOT && conversation.status != ConversationStatus.CLOSED) {
                    conversation.status = ConversationStatus.WITH_BOT; // waiting from before tickets existed: ask again
                }
                return;
            }
            ticket = handoff.find(conversation.ticket).filter(Ticket::isOpen).orElse(null);
            if (ticket == null) {
                conversation.ticket = null;
                conversation.status = ConversationStatus.WITH_BOT;
            } else {
                conversation.status = ticket.status() == TicketStatus.ASSIGNED ? ConversationStatus.WITH_OPERATOR : ConversationStatus.WAITING_FOR_OPERATOR;
            }
        }

        /**
         * A message while a ticket is open: operators see it. While an operator holds the
         * conversation the bot is silent; while the customer waits, the bot still answers what
         * it knows well. Returns false when the bot should take the message as usual.
         */
        private boolean withTicket(InboundMessage.Body body, @Nullable String said) {
            var open = ticket;
            if (open == null) {
                return false;
            }
            if (body instanceof InboundMessage.Text text && text.text().strip().startsWith("/")) {
                var command = text.text().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                switch (command) {
                    case "/bot", "/cancel" -> {
                        cancelTicket();
                        return true;
                    }
                    case "/operator" -> {
                        alreadyWithPerson();
                        return true;
                    }
                    case "/start", "/help" -> {
                        return false;
                    }
                    default -> {
                        // not a command of ours: the operator reads it
                    }
                }
            }
            if (body instanceof InboundMessage.ButtonPress press) {
                if (press.payload().equals(CANCEL_WAITING_PAYLOAD)) {
                    cancelTicket();
                    return true;
                }
                return false; // a topic button: the bot answers it
            }
            if (said != null) {
                handoff.customerWrote(open, key, said);
            }
            if (open.status() == TicketStatus.ASSIGNED) {
                return true; // the operator answers
            }
            if (body instanceof InboundMessage.Text text && !text.text().isBlank()) {
                var parse = nlu.parse(clip(text.text()), conversation.language);
                conversation.language = parse.language();
                understanding = new Transcript.Understanding(parse.intent(), parse.confidence(), parse.decision());
            conversation.understood(parse.intent(), parse.confidence());
                if (parse.decision() instanceof Decision.Answer answer) {
                    answer(answer.intent(), false); // meanwhile the bot answers what it knows
                    return true;
                }
            }
            if (!Long.valueOf(open.number()).equals(conversation.relayNotice)) {
                conversation.relayNotice = open.number();
                var standing = handoff.standing(open);
                var text = Phrase.RELAYED.say(conversation.language, conversation.name, random, standingValues(standing, conversation.language));
                if (!standing.openNow() && standing.nextOpening() != null) {
                    text = text + "\n\n" + standing(standing);
                }
                replies.add(new OutboundMessage(conversation.id, text, List.of(cancelButton())));
            }
            return true;
        }

        private void cancelTicket() {
            handoff.cancelByCustomer(conversation.id.toString());
            ticket = null;
            conversation.ticket = null;
            conversation.status = ConversationStatus.WITH_BOT;
            say(Phrase.CANCELLED, List.of());
        }

        /** A rating button: {@code <ticket>:<score>}. False when the payload is not one. */
        private boolean onRating(String value) {
            var parts = value.split(":", 2);
            try {
                long number = Long.parseLong(parts[0]);
                int score = Integer.parseInt(parts[1]);
                handoff.rate(number, score);
                conversation.awaitingComment = number;
                say(Phrase.CSAT_THANKS, List.of());
                return true;
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                return false;
            } catch (HandoffException e) {
                log.debug("Rating {} not stored: {}", value, e.getMessage());
                say(Phrase.FEEDBACK_THANKS, List.of());
                return true;
            }
        }

        /** The customer's words after a rating: a comment, unless it is a question the bot knows. */
        private boolean takeComment(long number, String raw) {
            var text = raw.strip();
            if (text.isEmpty() || text.startsWith("/")) {
                return false;
            }
            var parse = nlu.parse(clip(text), conversation.language);
            if (parse.decision() instanceof Decision.Answer answer && !isSmallTalk(answer.intent())) {
                return false;
            }
            try {
                handoff.comment(number, text);
            } catch (HandoffException e) {
                return false;
            }
            say(Phrase.COMMENT_THANKS, List.of());
            return true;
        }

        private void say(Phrase phrase, Map<String, String> values, List<String> buttonIntents) {
            send(new Reply(phrase.say(conversation.language, conversation.name, random, values), knowledge.buttons(buttonIntents, conversation.language)));
        }

        private void say(Phrase phrase, List<String> buttonIntents) {
            send(new Reply(phrase.say(conversation.language, conversation.name, random), knowledge.buttons(buttonIntents, conversation.language)));
        }

        private void send(Reply reply) {
            var buttons = reply.buttons().stream()
                    .map(b -> new OutboundMessage.Button(b.label(), INTENT_PAYLOAD + b.intent()))
                    .toList();
            replies.add(new OutboundMessage(conversation.id, reply.text(), buttons));
        }
    }
}
