package org.supportbot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.Reply;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;

/**
 * Takes the bot's turn in a conversation: understands the customer's message and replies with an
 * answer, a "did you mean" question, or a hand-over to a person.
 *
 * <p>Thread-safe; messages of one conversation are handled one at a time, in the order of the
 * calls. Conversation state is kept for the most recent 100,000 conversations.
 */
@Service
public class ConversationEngine {

    /** The payload prefix of buttons that ask for an intent's answer. */
    public static final String INTENT_PAYLOAD = "intent:";

    static final List<String> POPULAR_TOPICS = List.of("order_status", "delivery_info", "payment_methods", "return_refund", "human_operator");
    static final String HUMAN_OPERATOR = "human_operator";
    static final String CAPABILITIES = "bot_capabilities";

    private final IntentRecognizer nlu;
    private final KnowledgeBase knowledge;
    private final RandomGenerator random;
    private final Cache<ConversationId, Conversation> conversations = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(7))
            .build();

    @Autowired // the constructor for Spring; the other one lets tests fix the randomness
    ConversationEngine(IntentRecognizer nlu, KnowledgeBase knowledge) {
        this(nlu, knowledge, RandomGenerator.getDefault());
    }

    ConversationEngine(IntentRecognizer nlu, KnowledgeBase knowledge, RandomGenerator random) {
        this.nlu = nlu;
        this.knowledge = knowledge;
        this.random = random;
    }

    /** The state of one conversation; mutated only under the cache's per-key lock. */
    private static final class Conversation {
        Language language = Language.RU;
        ConversationStatus status = ConversationStatus.WITH_BOT;
        @Nullable String name;
    }

    /**
     * Handles one customer message and returns the bot's replies, in order (possibly none, e.g.
     * while an operator holds the conversation).
     */
    public List<OutboundMessage> handle(InboundMessage message) {
        Objects.requireNonNull(message, "message");
        var replies = new ArrayList<OutboundMessage>();
        conversations.asMap().compute(message.conversation(), (id, existing) -> {
            var conversation = existing == null ? new Conversation() : existing;
            if (message.customerName() != null) {
                conversation.name = KnowledgeBase.firstName(message.customerName());
            }
            new Turn(id, conversation, replies).take(message.body());
            return conversation;
        });
        return replies;
    }

    /** Who the customer is talking to now. */
    public ConversationStatus status(ConversationId id) {
        var conversation = conversations.getIfPresent(id);
        return conversation == null ? ConversationStatus.WITH_BOT : conversation.status;
    }

    /** One bot turn: reads the conversation, appends replies. */
    private final class Turn {
        private final ConversationId id;
        private final Conversation conversation;
        private final List<OutboundMessage> replies;

        Turn(ConversationId id, Conversation conversation, List<OutboundMessage> replies) {
            this.id = id;
            this.conversation = conversation;
            this.replies = replies;
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
                    say(Phrase.START, POPULAR_TOPICS);
                    return true;
                }
                case "/help" -> {
                    answer(CAPABILITIES);
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
                    decide(definition.escalate()
                            ? new Decision.Escalate(Decision.Reason.CUSTOMER_REQUEST, intent)
                            : new Decision.Answer(intent, 1.0));
                    return;
                }
            }
            say(Phrase.UNKNOWN_BUTTON, List.of());
        }

        private void decide(Decision decision) {
            if (decision instanceof Decision.Answer answer) {
                answer(answer.intent());
            } else if (decision instanceof Decision.Clarify clarify) {
                var buttons = new ArrayList<>(List.of(clarify.first(), clarify.second()));
                buttons.add(HUMAN_OPERATOR);
                say(Phrase.CLARIFY, buttons);
            } else if (decision instanceof Decision.Escalate escalate) {
                handOver(escalate.reason(), escalate.intent());
            }
        }

        private void answer(String intent) {
            var reply = knowledge.render(intent, conversation.language, conversation.name);
            if (reply.isEmpty()) {
                handOver(Decision.Reason.LOW_CONFIDENCE, intent);
                return;
            }
            send(reply.get());
        }

        private void handOver(Decision.Reason reason, @Nullable String intent) {
            if (conversation.status == ConversationStatus.WAITING_FOR_OPERATOR) {
                say(Phrase.ALREADY_WAITING, List.of());
                return;
            }
            conversation.status = ConversationStatus.WAITING_FOR_OPERATOR;
            var ownWords = intent == null || IntentDefinition.OUT_OF_SCOPE.equals(intent)
                    || reason != Decision.Reason.INTENT_NEEDS_PERSON && reason != Decision.Reason.CUSTOMER_REQUEST
                    ? java.util.Optional.<Reply>empty()
                    : knowledge.render(intent, conversation.language, conversation.name);
            if (ownWords.isPresent()) {
                send(new Reply(ownWords.get().text(), List.of()));
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
            replies.add(new OutboundMessage(id, reply.text(), buttons));
        }
    }
}
