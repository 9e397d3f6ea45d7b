package org.supportbot.conversation;

/** Who the customer is talking to. */
public enum ConversationStatus {
    /** The bot answers. */
    WITH_BOT,
    /** The customer asked for, or was handed to, a person and waits for one. */
    WAITING_FOR_OPERATOR,
    /** An operator holds the conversation; the bot stays silent. */
    WITH_OPERATOR,
    /** The conversation ended. */
    CLOSED
}
