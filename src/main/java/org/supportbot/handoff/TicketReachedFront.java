package org.supportbot.handoff;

/** A waiting ticket became the first in its queue. */
public record TicketReachedFront(Ticket ticket) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-front";
    }
}
