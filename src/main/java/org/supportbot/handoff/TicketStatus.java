package org.supportbot.handoff;

import java.util.Locale;

/** Where a ticket is in its life: waiting → assigned → resolved, or returned to the bot, or cancelled. */
public enum TicketStatus {
    /** In the queue, nobody has taken it yet. */
    WAITING,
    /** An operator holds the conversation. */
    ASSIGNED,
    /** The operator closed it: the customer was helped. */
    RESOLVED,
    /** An operator handed the conversation back to the bot. */
    RETURNED_TO_BOT,
    /** The customer stopped waiting (or went back to the bot). */
    CANCELLED;

    /** Whether the ticket still needs a person. */
    public boolean isOpen() {
        return this == WAITING || this == ASSIGNED;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TicketStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
