package org.supportbot.conversation;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.HandoffException;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;

/**
 * What customers think of the help: "did this help?" after the bot's answers (when
 * {@code supportbot.conversation.ask-feedback} is on), the rating of an operator's help, and the
 * comment that may follow it.
 */
@Component
class Satisfaction {

    private static final Logger log = LoggerFactory.getLogger(Satisfaction.class);

    private final IntentRecognizer nlu;
    private final Handoff handoff;
    private final FeedbackStore feedback;
    private final Misses misses;
    private final Wording wording;
    private final Clock clock;
    private final boolean askFeedback;

    Satisfaction(IntentRecognizer nlu, Handoff handoff, FeedbackStore feedback, Misses misses, Wording wording, Clock clock,
            @Value("${supportbot.conversation.ask-feedback:false}") boolean askFeedback) {
        this.nlu = nlu;
        this.handoff = handoff;
        this.feedback = feedback;
        this.misses = misses;
        this.wording = wording;
        this.clock = clock;
        this.askFeedback = askFeedback;
    }

    /** After the answer of {@code intent}: "did this help?", unless that is off or the answer was small talk. */
    void askIfHelped(Turn turn, String intent) {
        if (askFeedback && !Topics.isSmallTalk(intent)) {
            wording.askIfHelped(turn, intent);
            turn.conversation.askedIfHelped = intent;
        }
    }

    /**
     * The customer's "yes" or "no" to "did this help?": counts once, and only for the intent the bot
     * last asked about in this conversation. Any other — a forged payload, an old question, a second
     * press — is thanked for and changes nothing, so no one can tilt an intent's figures.
     */
    void feedback(Turn turn, ButtonPayload.Feedback answer) {
        var conversation = turn.conversation;
        if (answer.intent() == null || !answer.intent().equals(conversation.askedIfHelped)) {
            log.debug("Feedback on {} not asked for in this conversation", answer.intent());
            wording.say(turn, MessageKey.FEEDBACK_THANKS, List.of());
            return;
        }
        conversation.askedIfHelped = null;
        feedback.record(conversation.id, answer.intent(), answer.helpful(), clock.instant());
        if (answer.helpful()) {
            conversation.failures = 0;
            wording.say(turn, MessageKey.FEEDBACK_THANKS, List.of());
        } else {
            conversation.failures++;
            unhelpful(turn, answer.intent());
            wording.say(turn, MessageKey.FEEDBACK_SORRY, List.of(Topics.HUMAN_OPERATOR));
        }
    }

    /** The question whose answer did not help: the customer's last words the bot took for that intent. */
    private void unhelpful(Turn turn, @Nullable String intent) {
        var conversation = turn.conversation;
        var lines = conversation.recentLines();
        for (int i = lines.size() - 1; i >= 0 && intent != null; i--) {
            var line = lines.get(i);
            if (intent.equals(line.intent())) {
                misses.unhelpful(turn, line.text(), nlu.parse(line.text(), conversation.language), intent);
                return;
            }
        }
    }

    /**
     * A rating button: stored on its ticket; the customer's next words may be a comment on it.
     * Handoff takes it only for the conversation's own resolved ticket, once, 1 to 5; anything else
     * is thanked for and changes nothing.
     */
    void rate(Turn turn, ButtonPayload.Rating rating) {
        try {
            handoff.rate(rating.ticket(), turn.conversation.id.toString(), rating.score());
            turn.conversation.awaitingComment = rating.ticket();
            wording.say(turn, MessageKey.CSAT_THANKS, List.of());
        } catch (HandoffException e) {
            log.debug("Rating {}:{} not stored: {}", rating.ticket(), rating.score(), e.getMessage());
            wording.say(turn, MessageKey.FEEDBACK_THANKS, List.of());
        }
    }

    /**
     * The customer's words after a rating of ticket {@code number}: a comment, unless it is a
     * command or a question the bot knows. False when it is not a comment, to be read as usual.
     */
    boolean takeComment(Turn turn, long number, String raw) {
        var text = raw.strip();
        if (text.isEmpty() || text.startsWith("/")) {
            return false;
        }
        var parse = nlu.parse(BotTurn.clip(text), turn.conversation.language);
        if (parse.decision() instanceof Decision.Answer answer && !Topics.isSmallTalk(answer.intent())) {
            return false;
        }
        try {
            handoff.comment(number, turn.conversation.id.toString(), text);
        } catch (HandoffException e) {
            return false;
        }
        wording.say(turn, MessageKey.COMMENT_THANKS, List.of());
        return true;
    }
}
