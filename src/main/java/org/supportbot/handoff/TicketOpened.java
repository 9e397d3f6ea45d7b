package org.supportbot.handoff;

/** A customer was handed over: a new ticket waits in its queue. */
public record TicketOpened(Ticket ticket, QueueStanding standing) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-opened";
    }
}
