package org.supportbot.conversation;

import java.util.Objects;

/**
 * Replies for {@code channel} are stored in the outbox, committed, and waiting to be sent: the
 * delivery module sends them now instead of at its next poll. Published after the commit, on the
 * thread that stored them; a listener must return quickly.
 *
 * @param channel the channel the replies go to, as in {@link ConversationId#channel()}
 */
public record RepliesQueued(String channel) {

    public RepliesQueued {
        Objects.requireNonNull(channel, "channel");
    }
}
