package org.supportbot.handoff;

/**
 * An operator took the ticket (claimed it, was assigned or transferred to it).
 *
 * @param step the index of this step in the ticket's history: one event per assignment
 */
public record TicketAssigned(Ticket ticket, int step) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-" + step;
    }
}
