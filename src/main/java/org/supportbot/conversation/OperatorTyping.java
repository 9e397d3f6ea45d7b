package org.supportbot.conversation;

/**
 * An operator is typing a reply to this conversation's customer (in the console). Channels that
 * can show it ("typing…") do so, at their own pace; nothing is stored.
 */
public record OperatorTyping(ConversationId conversation) {
}
