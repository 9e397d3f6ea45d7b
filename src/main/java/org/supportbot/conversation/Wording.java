package org.supportbot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.QueueStanding;
import org.supportbot.handoff.WorkingHours;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.knowledge.Reply;

/**
 * What the bot says in its own words — the frame around the knowledge base's answers — as replies:
 * in the conversation's language, with the customer's name where a wording has it, one of a
 * message's wordings (from the editors' {@code messages/} bundles) at random. Every word the bot writes on its own comes from here, so
 * where the words come from can change in this one place; the rest of the dialog only names the
 * {@link MessageKey} to say. Answers from the knowledge base pass through unchanged.
 */
@Component
class Wording {

    private final KnowledgeBase knowledge;
    private final RandomGenerator random;

    @Autowired // the constructor for Spring; the other one lets tests fix the randomness
    Wording(KnowledgeBase knowledge) {
        this(knowledge, RandomGenerator.getDefault());
    }

    Wording(KnowledgeBase knowledge, RandomGenerator random) {
        this.knowledge = knowledge;
        this.random = random;
    }

    /** Says the message {@code key}, with buttons that ask for these intents' answers. */
    void say(Turn turn, MessageKey key, List<String> topics) {
        var conversation = turn.conversation;
        answer(turn, new Reply(knowledge.message(key, conversation.language, conversation.name, random, Map.of()), knowledge.buttons(topics, conversation.language)));
    }

    /** Says the message {@code key} with its placeholders filled, with buttons that ask for these intents' answers. */
    void say(Turn turn, MessageKey key, Map<String, String> values, List<String> topics) {
        var conversation = turn.conversation;
        answer(turn, new Reply(knowledge.message(key, conversation.language, conversation.name, random, values), knowledge.buttons(topics, conversation.language)));
    }

    /** Says {@code text} (words already chosen, e.g. an intent's answer that opens a hand-over), without buttons. */
    void say(Turn turn, String text) {
        turn.replies.add(new OutboundMessage(turn.conversation.id, text, List.of()));
    }

    /** The text of the message {@code key}, to say with more. */
    String text(ConversationState conversation, MessageKey key) {
        return knowledge.message(key, conversation.language, conversation.name, random, Map.of());
    }

    /** The text of the message {@code key} with its placeholders filled, to say with more. */
    String text(ConversationState conversation, MessageKey key, Map<String, String> values) {
        return knowledge.message(key, conversation.language, conversation.name, random, values);
    }

    /** Says an answer of the knowledge base; its buttons ask for their intents' answers. */
    void answer(Turn turn, Reply reply) {
        var buttons = reply.buttons().stream()
                .map(b -> new OutboundMessage.Button(b.label(), new ButtonPayload.Intent(b.intent()).wire()))
                .toList();
        turn.replies.add(new OutboundMessage(turn.conversation.id, reply.text(), buttons));
    }

    /** "Did you mean…?" with the two close intents and a person as options. */
    void clarify(Turn turn, String first, String second) {
        var conversation = turn.conversation;
        conversation.offeredChoices = String.join(",", first, second, Topics.HUMAN_OPERATOR);
        var choices = knowledge.buttons(List.of(first, second, Topics.HUMAN_OPERATOR), conversation.language).stream()
                .map(b -> new OutboundMessage.Button(b.label(), new ButtonPayload.Choice(b.intent()).wire()))
                .toList();
        var question = knowledge.message(MessageKey.CLARIFY, conversation.language, conversation.name, random, Map.of());
        turn.replies.add(new OutboundMessage(conversation.id, question, choices));
    }

    /** "Did this help?" about the answer of {@code intent}, with yes and no. */
    void askIfHelped(Turn turn, String intent) {
        var language = turn.conversation.language;
        turn.replies.add(new OutboundMessage(turn.conversation.id, knowledge.message(MessageKey.FEEDBACK_QUESTION, language, null, random, Map.of()), List.of(
                new OutboundMessage.Button(knowledge.label(MessageKey.BUTTON_YES, language), new ButtonPayload.Feedback(true, intent).wire()),
                new OutboundMessage.Button(knowledge.label(MessageKey.BUTTON_NO, language), new ButtonPayload.Feedback(false, intent).wire()))));
    }

    /** {@code lead}, then where the customer stands in the queue, with the button to stop waiting. */
    void waiting(Turn turn, String lead, QueueStanding standing, WorkingHours hours) {
        var text = lead + "\n\n" + standing(turn.conversation, standing, hours);
        turn.replies.add(new OutboundMessage(turn.conversation.id, text, List.of(cancelButton(turn.conversation.language))));
    }

    /** What the customer wrote reaches the operator, with the position in the queue (and the hours, after hours). */
    void relayed(Turn turn, QueueStanding standing, WorkingHours hours) {
        var conversation = turn.conversation;
        var text = knowledge.message(MessageKey.RELAYED, conversation.language, conversation.name, random, standingValues(standing, conversation.language));
        if (!standing.openNow() && standing.nextOpening() != null) {
            text = text + "\n\n" + standing(conversation, standing, hours);
        }
        turn.replies.add(new OutboundMessage(conversation.id, text, List.of(cancelButton(conversation.language))));
    }

    /** Where the customer stands in the queue, in words. */
    private String standing(ConversationState conversation, QueueStanding standing, WorkingHours hours) {
        var language = conversation.language;
        if (!standing.openNow() && standing.nextOpening() != null) {
            return knowledge.message(MessageKey.AFTER_HOURS, language, conversation.name, random, Map.of(
                    "schedule", hours.description(),
                    "when", knowledge.when(standing.nextOpening(), language)));
        }
        var key = standing.position() <= 1 ? MessageKey.QUEUED_NEXT : MessageKey.QUEUED;
        return knowledge.message(key, language, conversation.name, random, standingValues(standing, language));
    }

    private OutboundMessage.Button cancelButton(Language language) {
        return new OutboundMessage.Button(knowledge.label(MessageKey.BUTTON_CANCEL_WAITING, language), ButtonPayload.CANCEL_WAITING);
    }

    // Notices: said outside the customer's turns.

    /** A notice that says the message {@code key} with its placeholders filled. */
    OutboundMessage notice(ConversationState conversation, MessageKey key, Map<String, String> values) {
        return new OutboundMessage(conversation.id, knowledge.message(key, conversation.language, conversation.name, random, values), List.of());
    }

    /** The ticket went to another queue: where the customer stands now. */
    OutboundMessage transferred(ConversationState conversation, QueueStanding standing) {
        return notice(conversation, MessageKey.TRANSFERRED, standingValues(standing, conversation.language));
    }

    /** The operator resolved {@code ticket}: how would the customer rate the help, one to five stars. */
    OutboundMessage rateTheHelp(ConversationState conversation, long ticket) {
        var buttons = new ArrayList<OutboundMessage.Button>();
        for (int score = 1; score <= 5; score++) {
            buttons.add(new OutboundMessage.Button("⭐".repeat(score), new ButtonPayload.Rating(ticket, score).wire()));
        }
        return new OutboundMessage(conversation.id, knowledge.message(MessageKey.CSAT_QUESTION, conversation.language, conversation.name, random, Map.of()), buttons);
    }

    /** Placeholders of the queue phrases. */
    private Map<String, String> standingValues(QueueStanding standing, Language language) {
        return Map.of("position", Integer.toString(Math.max(1, standing.position())), "wait", knowledge.duration(standing.expectedWait(), language));
    }
}
