package org.supportbot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentScore;

/**
 * The bot could not serve a customer's question: it handed it to a person, did not understand it,
 * asked "did you mean…?", or answered it and the customer said the answer did not help. Published once the turn is
 * stored, on the turn's thread, after the conversation's lock is released; a turn taken again
 * after a crash may publish it again with the same {@code key}.
 *
 * @param key unique to the turn and the miss (the inbox key of the update), for idempotent storage
 * @param conversation the conversation id, {@code <channel>:<chat>}
 * @param language the language the customer wrote in
 * @param text the customer's words, as they wrote them
 * @param kind what happened to the question
 * @param ranking what the bot understood, intents by falling confidence (at most five)
 * @param answeredIntent for {@link Kind#UNHELPFUL}: the intent whose answer did not help
 * @param ticket the ticket the question went into, when the turn handed the customer over
 * @param at when it happened
 */
public record QuestionMissed(String key, String conversation, Language language, String text, Kind kind, List<IntentScore> ranking,
        @Nullable String answeredIntent, @Nullable Long ticket, Instant at) {

    public QuestionMissed {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        ranking = List.copyOf(ranking.size() > 5 ? ranking.subList(0, 5) : ranking);
    }

    /** What happened to a question the bot could not serve. */
    public enum Kind {
        /** Handed to a person: out of scope, or not understood twice in a row. */
        ESCALATED,
        /** Not understood: the customer was asked to put it another way. */
        NOT_UNDERSTOOD,
        /** The bot asked which of two intents the customer meant. */
        CLARIFIED,
        /** Answered, and the customer pressed "no" on "did this help?". */
        UNHELPFUL
    }
}
