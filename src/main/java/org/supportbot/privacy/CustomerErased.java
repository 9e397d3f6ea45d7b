package org.supportbot.privacy;

import java.util.Objects;

/**
 * A customer's conversation was erased: published after the erase, on its thread. Whatever a
 * module loaded of it meanwhile (a message that arrived during the erase) must be forgotten too.
 *
 * @param conversation the conversation id, {@code <channel>:<chat>}
 */
public record CustomerErased(String conversation) {
    public CustomerErased {
        Objects.requireNonNull(conversation, "conversation");
    }
}
