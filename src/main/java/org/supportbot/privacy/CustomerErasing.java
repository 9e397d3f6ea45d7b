package org.supportbot.privacy;

import java.util.Objects;

/**
 * A customer's conversation is about to be erased: published before anything is removed, on the
 * thread of the erase. Listeners close what is open (the ticket, with operators told) and forget
 * what they hold in memory; the erase follows when they return.
 *
 * @param conversation the conversation id, {@code <channel>:<chat>}
 */
public record CustomerErasing(String conversation) {
    public CustomerErasing {
        Objects.requireNonNull(conversation, "conversation");
    }
}
