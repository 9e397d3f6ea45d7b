package org.supportbot.handoff;

import org.jspecify.annotations.Nullable;

/**
 * A ticket ended: resolved by an operator, returned to the bot, or cancelled by the customer
 * ({@link Ticket#status()} says which).
 *
 * @param by the operator's login, or null when the customer ended it
 */
public record TicketClosed(Ticket ticket, @Nullable String by) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-closed";
    }
}
