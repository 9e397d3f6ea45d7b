package org.supportbot.conversation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message to the customer that was not an answer to their own message: an operator's reply,
 * "Anna has joined", "you are next", a rating request. Channels without a sender (the web chat)
 * fetch these with {@link ConversationEngine#noticesSince}.
 *
 * @param id unique per notice: a client that has shown it can skip it when it comes again
 * @param at when it was written
 * @param author {@code bot} or {@code operator}
 * @param authorName the operator's name, for operator messages
 * @param message the text and buttons
 */
public record CustomerNotice(String id, Instant at, String author, @Nullable String authorName, OutboundMessage message) {

    public CustomerNotice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(message, "message");
    }
}
