package org.supportbot.conversation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer's message and what the bot made of it, for reports.
 *
 * @param conversation the conversation id, {@code <channel>:<chat>}
 * @param at when it arrived
 * @param text the text; a non-text message as e.g. {@code [photo]}, a pressed button as {@code [button] payload}
 * @param intent the intent the bot recognised, if it tried
 * @param confidence the bot's confidence in it
 * @param decision {@code answer}, {@code clarify} or {@code escalate}, if the bot decided
 * @param reason why it escalated ({@code out_of_scope}, {@code low_confidence}, {@code customer_request}…), if it did
 */
public record CustomerTurn(String conversation, Instant at, String text, @Nullable String intent, double confidence,
        @Nullable String decision, @Nullable String reason) {

    public CustomerTurn {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }

    /** The channel part of the conversation id. */
    public String channel() {
        int colon = conversation.indexOf(':');
        return colon < 0 ? conversation : conversation.substring(0, colon);
    }
}
