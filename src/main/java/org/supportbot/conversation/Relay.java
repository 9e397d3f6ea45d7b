package org.supportbot.conversation;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;

/**
 * A message while the conversation's ticket is open: operators see it. While an operator holds the
 * conversation the bot is silent; while the customer waits, the bot still answers what it knows well
 * and says, once per ticket, that their messages reach the operator.
 */
@Component
class Relay {

    private final IntentRecognizer nlu;
    private final Handoff handoff;
    private final HandOver handOver;
    private final Answering answering;
    private final Wording wording;

    Relay(IntentRecognizer nlu, Handoff handoff, HandOver handOver, Answering answering, Wording wording) {
        this.nlu = nlu;
        this.handoff = handoff;
        this.handOver = handOver;
        this.answering = answering;
        this.wording = wording;
    }

    /**
     * Takes a message of a conversation with an open ticket ({@link Turn#ticket}). Returns false
     * when the bot should take it as usual: {@code /start}, {@code /help}, a topic button.
     *
     * @param said what the customer said, for the operator; null for a button
     * @param command the command of a typed text; null when it is none
     * @param button what a pressed button asks for; null when the message is no button press
     */
    boolean take(Turn turn, InboundMessage.Body body, @Nullable String said, @Nullable Command command, @Nullable ButtonPayload button) {
        var open = turn.ticket;
        if (open == null) {
            return false;
        }
        if (command != null) {
            switch (command) {
                case BACK_TO_BOT -> {
                    handOver.cancel(turn);
                    return true;
                }
                case OPERATOR -> {
                    handOver.alreadyWithPerson(turn);
                    return true;
                }
                case START, HELP, PRIVACY -> {
                    return false;
                }
            }
        }
        if (button != null) {
            if (button instanceof ButtonPayload.CancelWaiting) {
                handOver.cancel(turn);
                return true;
            }
            return false; // a topic button: the bot answers it
        }
        if (said != null) {
            var files = body instanceof InboundMessage.NonText nonText ? nonText.attachments().stream().map(Attachment::id).toList()
                    : java.util.List.<String>of();
            handoff.customerWrote(open, turn.key, said, files);
        }
        if (open.status() == TicketStatus.ASSIGNED) {
            return true; // the operator answers
        }
        var conversation = turn.conversation;
        if (body instanceof InboundMessage.Text text && !text.text().isBlank()) {
            var parse = nlu.parse(BotTurn.clip(text.text()), conversation.language);
            conversation.language = parse.language();
            turn.understanding = new Transcript.Understanding(parse.intent(), parse.confidence(), parse.decision());
            conversation.understood(parse.intent(), parse.confidence());
            if (parse.decision() instanceof Decision.Answer answer) {
                answering.answer(turn, answer.intent(), false); // meanwhile the bot answers what it knows
                return true;
            }
        }
        if (!Long.valueOf(open.number()).equals(conversation.relayNotice)) {
            conversation.relayNotice = open.number();
            wording.relayed(turn, handoff.standing(open), handoff.hours());
        }
        return true;
    }
}
