package org.supportbot.conversation;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.MessageKey;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.IntentRecognizer;

/**
 * The bot's turn: reads what the customer sent — words, a command, a button, something that is not
 * text — and routes it: to the operator while a ticket is open, as a comment after a rating, or to an
 * answer, a question back, or a hand-over.
 */
@Component
class BotTurn {

    private final IntentRecognizer nlu;
    private final KnowledgeBase knowledge;
    private final Relay relay;
    private final Answering answering;
    private final HandOver handOver;
    private final Satisfaction satisfaction;
    private final Misses misses;
    private final Wording wording;
    private final Clock clock;
    private final ActionDialogue actions;
    private final Albums albums;
    private final PrivacyNotices privacy;

    BotTurn(IntentRecognizer nlu, KnowledgeBase knowledge, Relay relay, Answering answering, HandOver handOver, Satisfaction satisfaction,
            Misses misses, Wording wording, Clock clock, ActionDialogue actions, Albums albums, PrivacyNotices privacy) {
        this.actions = actions;
        this.albums = albums;
        this.privacy = privacy;
        this.nlu = nlu;
        this.knowledge = knowledge;
        this.relay = relay;
        this.answering = answering;
        this.handOver = handOver;
        this.satisfaction = satisfaction;
        this.misses = misses;
        this.wording = wording;
        this.clock = clock;
    }

    /** Takes the turn for {@code body}: changes the turn's conversation and adds the bot's replies. */
    void take(Turn turn, InboundMessage.Body body) {
        var conversation = turn.conversation;
        var said = said(body);
        if (said != null) {
            conversation.remember(said, clock.instant());
        }
        handOver.refresh(turn);
        privacy.warnIfCard(turn, said);
        var command = body instanceof InboundMessage.Text text ? Command.parse(text.text()) : null;
        var button = body instanceof InboundMessage.ButtonPress press ? ButtonPayload.parse(press.payload()) : null;
        if (turn.ticket != null && relay.take(turn, body, said, command, button)) {
            return;
        }
        if (conversation.awaitingComment != null) {
            var forComment = conversation.awaitingComment;
            conversation.awaitingComment = null;
            if (body instanceof InboundMessage.Text text && satisfaction.takeComment(turn, forComment, text.text())) {
                return;
            }
        }
        if (conversation.action != null && actions.resume(turn, body, command, button)) {
            return;
        }
        if (body instanceof InboundMessage.Text text) {
            onText(turn, text.text(), command);
        } else if (button != null) {
            onButton(turn, button);
        } else if (body instanceof InboundMessage.Contact contact) {
            actions.contact(turn, contact);
        } else if (body instanceof InboundMessage.NonText nonText) {
            boolean albumAnswered = albums.answeredBefore(conversation.id, nonText);
            if (nonText.caption() != null && !nonText.caption().isBlank()) {
                onText(turn, nonText.caption(), Command.parse(nonText.caption()));
            } else if (!albumAnswered) {
                wording.say(turn, MessageKey.NON_TEXT, List.of(Topics.HUMAN_OPERATOR));
            }
        }
    }

    /** @param command what {@link Command#parse} read of {@code raw} */
    private void onText(Turn turn, String raw, @Nullable Command command) {
        var text = raw.strip();
        if (text.isEmpty()) {
            wording.say(turn, MessageKey.EMPTY, List.of());
            return;
        }
        if (command != null) {
            onCommand(turn, command);
            return;
        }
        text = clip(text);
        actions.noticeEmail(turn, text);
        var conversation = turn.conversation;
        var parse = nlu.parse(text, conversation.language);
        conversation.language = parse.language();
        turn.understanding = new Transcript.Understanding(parse.intent(), parse.confidence(), parse.decision());
        conversation.understood(parse.intent(), parse.confidence());
        if (!(parse.decision() instanceof Decision.Answer answer && actions.start(turn, answer.intent(), text))) {
            answering.decide(turn, parse.decision());
        }
        misses.ifMissed(turn, text, parse);
    }

    /** A command while no ticket is open (or {@code /start}, {@code /help} while one is). */
    private void onCommand(Turn turn, Command command) {
        switch (command) {
            case START -> {
                turn.conversation.failures = 0;
                wording.say(turn, MessageKey.START, Topics.POPULAR);
                privacy.withGreeting(turn);
            }
            case HELP -> answering.answer(turn, Topics.CAPABILITIES, false);
            case OPERATOR -> handOver.handOver(turn, Decision.Reason.CUSTOMER_REQUEST, Topics.HUMAN_OPERATOR);
            case BACK_TO_BOT -> wording.say(turn, MessageKey.NOTHING_TO_CANCEL, List.of());
            case PRIVACY -> privacy.notice(turn);
        }
    }

    private void onButton(Turn turn, ButtonPayload button) {
        if (button instanceof ButtonPayload.Intent intent) {
            topic(turn, intent.intent());
        } else if (button instanceof ButtonPayload.Choice choice) {
            if (turn.conversation.offered(choice.intent())) {
                topic(turn, choice.intent());
            } else {
                wording.say(turn, MessageKey.UNKNOWN_BUTTON, List.of()); // not a choice this conversation was given
            }
        } else if (button instanceof ButtonPayload.Feedback feedback) {
            satisfaction.feedback(turn, feedback);
        } else if (button instanceof ButtonPayload.Rating rating) {
            satisfaction.rate(turn, rating);
        } else if (button instanceof ButtonPayload.CancelWaiting) {
            wording.say(turn, MessageKey.NOTHING_TO_CANCEL, List.of());
        } else {
            wording.say(turn, MessageKey.UNKNOWN_BUTTON, List.of());
        }
    }

    /** A topic button: the intent's answer, or a person for an intent that needs one. */
    private void topic(Turn turn, String intent) {
        var definition = knowledge.content().intent(intent).orElse(null);
        if (definition == null || definition.isOutOfScope()) {
            wording.say(turn, MessageKey.UNKNOWN_BUTTON, List.of());
            return;
        }
        turn.understanding = new Transcript.Understanding(intent, 1.0, null);
        if (definition.escalate()) {
            handOver.handOver(turn, Decision.Reason.CUSTOMER_REQUEST, intent);
        } else if (!actions.start(turn, intent, "")) {
            answering.answer(turn, intent, true);
        }
    }

    /** The words the bot reads of a text: longer texts are cut (the transcript keeps them whole). */
    static String clip(String text) {
        return text.length() > InboundMessage.MAX_TEXT_LENGTH ? text.substring(0, InboundMessage.MAX_TEXT_LENGTH) : text;
    }

    /** What the customer said, for operators: the text, or e.g. {@code [photo] caption}; null for a button. */
    private static @Nullable String said(InboundMessage.Body body) {
        if (body instanceof InboundMessage.Text text) {
            return text.text();
        } else if (body instanceof InboundMessage.NonText nonText) {
            return "[" + nonText.kind() + "]" + (nonText.caption() == null || nonText.caption().isBlank() ? "" : " " + nonText.caption());
        } else if (body instanceof InboundMessage.Contact) {
            return "[contact]"; // the number stays out of transcripts
        }
        return null;
    }
}
