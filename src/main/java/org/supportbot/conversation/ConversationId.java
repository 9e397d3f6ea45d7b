package org.supportbot.conversation;

import java.util.Objects;

/**
 * Identifies a conversation: the channel ({@code telegram}, {@code vk}, {@code web}, {@code cli})
 * and the chat within it.
 */
public record ConversationId(String channel, String chat) {

    public ConversationId {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chat, "chat");
        if (channel.isBlank() || chat.isBlank()) {
            throw new IllegalArgumentException("channel and chat must not be blank, got '" + channel + "', '" + chat + "'");
        }
    }

    @Override
    public String toString() {
        return channel + ":" + chat;
    }
}
