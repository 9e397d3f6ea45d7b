package org.supportbot.conversation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation's transcript, for operators.
 *
 * @param at when it was written
 * @param author {@code customer}, {@code bot} or {@code operator}
 * @param authorName the operator's name, for operator messages
 * @param text what was written; a non-text message as e.g. {@code [photo] caption}, a pressed button as {@code [button] payload}
 * @param intent what the bot understood of a customer message, if it tried
 * @param confidence the bot's confidence in that intent
 * @param decision what the bot decided: {@code answer}, {@code clarify} or {@code escalate}
 */
public record TranscriptEntry(Instant at, String author, @Nullable String authorName, String text, @Nullable String intent,
        double confidence, @Nullable String decision) {

    public TranscriptEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
    }
}
