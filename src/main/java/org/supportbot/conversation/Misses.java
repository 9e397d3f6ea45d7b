package org.supportbot.conversation;

import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.supportbot.nlu.Decision;
import org.supportbot.nlu.Parse;

/** Tells the editors' loop, with {@link QuestionMissed}, about questions the bot could not serve. */
@Component
class Misses {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    Misses(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The customer's words were read as {@code parse} decided: a miss when the bot asked back or could not understand them. */
    void ifMissed(Turn turn, String text, Parse parse) {
        QuestionMissed.Kind kind = null;
        if (parse.decision() instanceof Decision.Clarify) {
            kind = QuestionMissed.Kind.CLARIFIED;
        } else if (parse.decision() instanceof Decision.Escalate escalate
                && (escalate.reason() == Decision.Reason.LOW_CONFIDENCE || escalate.reason() == Decision.Reason.OUT_OF_SCOPE)) {
            // Not sure the first time: the customer was asked to rephrase, no one took it (yet).
            kind = turn.ticket == null ? QuestionMissed.Kind.NOT_UNDERSTOOD : QuestionMissed.Kind.ESCALATED;
        }
        if (kind != null) {
            report(turn, text, kind, parse, null);
        }
    }

    /** The answer of {@code intent} to the customer's {@code text} did not help. */
    void unhelpful(Turn turn, String text, Parse parse, String intent) {
        report(turn, text, QuestionMissed.Kind.UNHELPFUL, parse, intent);
    }

    /** Published after the turn is stored, so what the editors see of it is there to read. */
    private void report(Turn turn, String text, QuestionMissed.Kind kind, Parse parse, @Nullable String answeredIntent) {
        var event = new QuestionMissed(turn.key + "#" + kind.name().toLowerCase(Locale.ROOT), turn.conversation.id.toString(), parse.language(),
                text, kind, parse.ranking(), answeredIntent, turn.ticket == null ? null : turn.ticket.number(), clock.instant());
        turn.afterward.add(() -> events.publishEvent(event));
    }
}
