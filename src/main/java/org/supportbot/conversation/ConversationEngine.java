package org.supportbot.conversation;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
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
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.Reply;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import org.supportbot.store.Store;

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
    /** The payload prefix of the "did this help?" buttons: {@code feedback:yes:<intent>}. */
    public static final String FEEDBACK_PAYLOAD = "feedback:";

    static final List<String> POPULAR_TOPICS = List.of("order_status", "delivery_info", "payment_methods", "return_refund", "human_operator");
    static final String HUMAN_OPERATOR = "human_operator";
    static final String CAPABILITIES = "bot_capabilities";
    static final Duration CLAIM = Duration.ofSeconds(30);
    private static final int STRIPES = 1024;

    private final IntentRecognizer nlu;
    private final KnowledgeBase knowledge;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Conversations conversations;
    private final Transcript transcript;
    private final Delivery delivery;
    private final MongoCollection<Document> feedback;
    private final Clock clock;
    private final RandomGenerator random;
    private final boolean askFeedback;
    private final boolean releaseClaimsOnStart;
    private final String owner = "engine-" + UUID.randomUUID();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    @Autowired // the constructor for Spring; the other one lets tests fix the randomness
    ConversationEngine(IntentRecognizer nlu, KnowledgeBase knowledge, Inbox inbox, Outbox outbox, Conversations conversations,
            Transcript transcript, Delivery delivery, Store store, Clock clock,
            @Value("${supportbot.conversation.ask-feedback:false}") boolean askFeedback) {
        this(nlu, knowledge, inbox, outbox, conversations, transcript, delivery, store, clock, askFeedback, RandomGenerator.getDefault());
    }

    ConversationEngine(IntentRecognizer nlu, KnowledgeBase knowledge, Inbox inbox, Outbox outbox, Conversations conversations,
            Transcript transcript, Delivery delivery, Store store, Clock clock, boolean askFeedback, RandomGenerator random) {
        this.nlu = nlu;
        this.knowledge = knowledge;
        this.inbox = inbox;
        this.outbox = outbox;
        this.conversations = conversations;
        this.transcript = transcript;
        this.delivery = delivery;
        this.feedback = store.database().getCollection("feedback");
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

    /** Takes the bot's turn for updates stored before a crash but never processed, oldest first. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        if (releaseClaimsOnStart) {
            long released = outbox.releaseAllClaims();
            if (released > 0) {
                log.info("Released {} replies that were being sent when the bot stopped", released);
            }
        }
        int recovered = 0;
        List<Inbox.Entry> pending;
        do {
            pending = inbox.unprocessed(500);
            for (var entry : pending) {
                process(entry.key(), MessageCodec.inbound(entry.payload()), false);
                recovered++;
            }
        } while (pending.size() == 500);
        if (recovered > 0) {
            log.info("Recovered {} updates received before the last stop", recovered);
        }
        delivery.wake();
    }

    /**
     * @param claimed true when {@link #receive} just stored (and so claimed) the update: the first
     *        attempt, nothing of it can be stored yet
     */
    private List<OutboundMessage> process(String key, InboundMessage message, boolean claimed) {
        var lock = locks[Math.floorMod(message.conversation().hashCode(), STRIPES)];
        lock.lock();
        List<OutboundMessage> replies;
        try {
            if (!claimed && !inbox.claim(key, owner, CLAIM)) {
                return List.of(); // processed meanwhile, or being processed by another instance
            }
            var state = conversations.get(message.conversation());
            if (message.languageHint() != null && state.stored == null) {
                state.language = message.languageHint(); // a new conversation: greet in the customer's language
            }
            if (message.customerName() != null) {
                state.name = KnowledgeBase.firstName(message.customerName());
            }
            var turn = new Turn(state);
            turn.take(message.body());
            replies = turn.replies;
            transcript.record(key, message, turn.understanding, replies, clock.instant());
            conversations.save(state);
            if (delivery.handles(message.conversation().channel())) {
                var entries = new ArrayList<Outbox.Message>(replies.size());
                for (int i = 0; i < replies.size(); i++) {
                    var reply = replies.get(i);
                    entries.add(new Outbox.Message(key + "#" + i, reply.conversation().channel(), reply.conversation().chat(),
                            MessageCodec.outbound(reply)));
                }
                outbox.enqueue(entries, !claimed);
            }
            inbox.markProcessed(key);
        } finally {
            lock.unlock();
        }
        if (!replies.isEmpty() && delivery.handles(message.conversation().channel())) {
            delivery.wake();
        }
        return replies;
    }

    /** One bot turn: reads and updates the conversation state, collects replies. */
    private final class Turn {
        private final ConversationState conversation;
        private final List<OutboundMessage> replies = new ArrayList<>();
        private Transcript.Understanding understanding = Transcript.Understanding.NONE;

        Turn(ConversationState conversation) {
            this.conversation = conversation;
        }

        void take(InboundMessage.Body body) {
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
            decide(parse.decision());
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
                default -> {
                    return false;
                }
            }
        }

        private void onButton(String payload) {
            if (payload.startsWith(INTENT_PAYLOAD)) {
                var intent = payload.substring(INTENT_PAYLOAD.length());
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
                say(Phrase.FEEDBACK_SORRY, List.of(HUMAN_OPERATOR));
            }
        }

        private void decide(Decision decision) {
            if (decision instanceof Decision.Answer answer) {
                answer(answer.intent(), true);
            } else if (decision instanceof Decision.Clarify clarify) {
                conversation.failures++;
                say(Phrase.CLARIFY, List.of(clarify.first(), clarify.second(), HUMAN_OPERATOR));
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
            return !List.of("greeting", "goodbye", "thanks", CAPABILITIES).contains(intent);
        }

        private void handOver(Decision.Reason reason, @Nullable String intent) {
            conversation.failures = 0;
            if (conversation.status == ConversationStatus.WAITING_FOR_OPERATOR) {
                say(Phrase.ALREADY_WAITING, List.of());
                return;
            }
            conversation.status = ConversationStatus.WAITING_FOR_OPERATOR;
            if (reason == Decision.Reason.REPEATED_FAILURE) {
                say(Phrase.GIVING_UP, List.of());
                return;
            }
            boolean ownWords = intent != null && !IntentDefinition.OUT_OF_SCOPE.equals(intent)
                    && (reason == Decision.Reason.INTENT_NEEDS_PERSON || reason == Decision.Reason.CUSTOMER_REQUEST);
            var rendered = ownWords ? knowledge.render(intent, conversation.language, conversation.name) : java.util.Optional.<Reply>empty();
            if (rendered.isPresent()) {
                send(new Reply(rendered.get().text(), List.of()));
            } else {
                say(Phrase.HANDOFF, List.of());
            }
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
