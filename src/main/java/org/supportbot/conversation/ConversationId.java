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

    /**
     * Reads {@link #toString()}'s form, {@code <channel>:<chat>}.
     *
     * @throws IllegalArgumentException when there is no channel or chat
     */
    public static ConversationId parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a conversation id is <channel>:<chat>, got '" + value + "'");
        }
        return new ConversationId(value.substring(0, colon), value.substring(colon + 1));
    }
}
