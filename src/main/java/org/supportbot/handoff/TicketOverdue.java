package org.supportbot.handoff;

/** A waiting ticket missed its first-response target; its priority was raised. */
public record TicketOverdue(Ticket ticket) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-overdue";
    }
}
