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
import org.supportbot.knowledge.Reply;

/**
 * What the bot says in its own words — the frame around the knowledge base's answers — as replies:
 * in the conversation's language, with the customer's name where a wording has it, one of a
 * {@link Phrase}'s wordings at random. Every word the bot writes on its own comes from here, so
 * where the words come from can change in this one place; the rest of the dialog only names the
 * {@link Phrase} to say. Answers from the knowledge base pass through unchanged.
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

    /** Says {@code phrase}, with buttons that ask for these intents' answers. */
    void say(Turn turn, Phrase phrase, List<String> topics) {
        var conversation = turn.conversation;
        answer(turn, new Reply(phrase.say(conversation.language, conversation.name, random), knowledge.buttons(topics, conversation.language)));
    }

    /** Says {@code phrase} with its placeholders filled, with buttons that ask for these intents' answers. */
    void say(Turn turn, Phrase phrase, Map<String, String> values, List<String> topics) {
        var conversation = turn.conversation;
        answer(turn, new Reply(phrase.say(conversation.language, conversation.name, random, values), knowledge.buttons(topics, conversation.language)));
    }

    /** Says {@code text} (words already chosen, e.g. an intent's answer that opens a hand-over), without buttons. */
    void say(Turn turn, String text) {
        turn.replies.add(new OutboundMessage(turn.conversation.id, text, List.of()));
    }

    /** The text of {@code phrase}, to say with more. */
    String text(ConversationState conversation, Phrase phrase) {
        return phrase.say(conversation.language, conversation.name, random);
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
        var choices = knowledge.buttons(List.of(first, second, Topics.HUMAN_OPERATOR), conversation.language).stream()
                .map(b -> new OutboundMessage.Button(b.label(), new ButtonPayload.Choice(b.intent()).wire()))
                .toList();
        turn.replies.add(new OutboundMessage(conversation.id, Phrase.CLARIFY.say(conversation.language, conversation.name, random), choices));
    }

    /** "Did this help?" about the answer of {@code intent}, with yes and no. */
    void askIfHelped(Turn turn, String intent) {
        var language = turn.conversation.language;
        turn.replies.add(new OutboundMessage(turn.conversation.id, Phrase.FEEDBACK_QUESTION.say(language, null, random), List.of(
                new OutboundMessage.Button(Phrase.yes(language), new ButtonPayload.Feedback(true, intent).wire()),
                new OutboundMessage.Button(Phrase.no(language), new ButtonPayload.Feedback(false, intent).wire()))));
    }

    /** {@code lead}, then where the customer stands in the queue, with the button to stop waiting. */
    void waiting(Turn turn, String lead, QueueStanding standing, WorkingHours hours) {
        var text = lead + "\n\n" + standing(turn.conversation, standing, hours);
        turn.replies.add(new OutboundMessage(turn.conversation.id, text, List.of(cancelButton(turn.conversation.language))));
    }

    /** What the customer wrote reaches the operator, with the position in the queue (and the hours, after hours). */
    void relayed(Turn turn, QueueStanding standing, WorkingHours hours) {
        var conversation = turn.conversation;
        var text = Phrase.RELAYED.say(conversation.language, conversation.name, random, standingValues(standing, conversation.language));
        if (!standing.openNow() && standing.nextOpening() != null) {
            text = text + "\n\n" + standing(conversation, standing, hours);
        }
        turn.replies.add(new OutboundMessage(conversation.id, text, List.of(cancelButton(conversation.language))));
    }

    /** Where the customer stands in the queue, in words. */
    private String standing(ConversationState conversation, QueueStanding standing, WorkingHours hours) {
        var language = conversation.language;
        if (!standing.openNow() && standing.nextOpening() != null) {
            return Phrase.AFTER_HOURS.say(language, conversation.name, random, Map.of(
                    "schedule", hours.description(),
                    "when", Phrase.when(standing.nextOpening(), language)));
        }
        var phrase = standing.position() <= 1 ? Phrase.QUEUED_NEXT : Phrase.QUEUED;
        return phrase.say(language, conversation.name, random, standingValues(standing, language));
    }

    private static OutboundMessage.Button cancelButton(Language language) {
        return new OutboundMessage.Button(Phrase.cancelWaiting(language), ButtonPayload.CANCEL_WAITING);
    }

    // Notices: said outside the customer's turns.

    /** A notice that says {@code phrase} with its placeholders filled. */
    OutboundMessage notice(ConversationState conversation, Phrase phrase, Map<String, String> values) {
        return new OutboundMessage(conversation.id, phrase.say(conversation.language, conversation.name, random, values), List.of());
    }

    /** The ticket went to another queue: where the customer stands now. */
    OutboundMessage transferred(ConversationState conversation, QueueStanding standing) {
        return notice(conversation, Phrase.TRANSFERRED, standingValues(standing, conversation.language));
    }

    /** The operator resolved {@code ticket}: how would the customer rate the help, one to five stars. */
    OutboundMessage rateTheHelp(ConversationState conversation, long ticket) {
        var buttons = new ArrayList<OutboundMessage.Button>();
        for (int score = 1; score <= 5; score++) {
            buttons.add(new OutboundMessage.Button("⭐".repeat(score), new ButtonPayload.Rating(ticket, score).wire()));
        }
        return new OutboundMessage(conversation.id, Phrase.CSAT_QUESTION.say(conversation.language, conversation.name, random), buttons);
    }

    /** Placeholders of the queue phrases. */
    private static Map<String, String> standingValues(QueueStanding standing, Language language) {
        return Map.of("position", Integer.toString(Math.max(1, standing.position())), "wait", Phrase.duration(standing.expectedWait(), language));
    }
}
