package org.supportbot.conversation;

import java.util.List;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.nlu.Decision;

/** Does what the bot decided about the customer's words: answers, asks which of two they meant, or hands over. */
@Component
class Answering {

    private final KnowledgeBase knowledge;
    private final HandOver handOver;
    private final Satisfaction satisfaction;
    private final Wording wording;

    Answering(KnowledgeBase knowledge, HandOver handOver, Satisfaction satisfaction, Wording wording) {
        this.knowledge = knowledge;
        this.handOver = handOver;
        this.satisfaction = satisfaction;
        this.wording = wording;
    }

    void decide(Turn turn, Decision decision) {
        var conversation = turn.conversation;
        if (decision instanceof Decision.Answer answer) {
            answer(turn, answer.intent(), true);
        } else if (decision instanceof Decision.Clarify clarify) {
            conversation.failures++;
            wording.clarify(turn, clarify.first(), clarify.second());
        } else if (decision instanceof Decision.Escalate escalate) {
            if (escalate.reason() == Decision.Reason.LOW_CONFIDENCE) {
                // Not sure: let the customer rephrase once; the second miss in a row goes to a person.
                conversation.failures++;
                if (conversation.failures >= 2) {
                    handOver.handOver(turn, Decision.Reason.REPEATED_FAILURE, escalate.intent());
                } else {
                    wording.say(turn, MessageKey.REPHRASE, List.of(Topics.HUMAN_OPERATOR));
                }
            } else {
                handOver.handOver(turn, escalate.reason(), escalate.intent());
            }
        }
    }

    /**
     * Answers {@code intent} from the knowledge base, then asks whether it helped if
     * {@code mayAskFeedback}; hands over when the knowledge base has no answer in the customer's language.
     */
    void answer(Turn turn, String intent, boolean mayAskFeedback) {
        var conversation = turn.conversation;
        var reply = knowledge.render(intent, conversation.language, conversation.name);
        if (reply.isEmpty()) {
            handOver.handOver(turn, Decision.Reason.LOW_CONFIDENCE, intent);
            return;
        }
        conversation.failures = 0;
        wording.answer(turn, reply.get());
        if (mayAskFeedback) {
            satisfaction.askIfHelped(turn, intent);
        }
    }
}
