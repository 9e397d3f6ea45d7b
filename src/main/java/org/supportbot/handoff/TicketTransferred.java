package org.supportbot.handoff;

import org.jspecify.annotations.Nullable;

/**
 * A ticket moved to another queue, waiting again.
 *
 * @param fromQueue the queue it was in
 * @param by the operator who moved it
 * @param step the index of this step in the ticket's history
 */
public record TicketTransferred(Ticket ticket, String fromQueue, @Nullable String by, int step, QueueStanding standing) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-" + step;
    }
}
