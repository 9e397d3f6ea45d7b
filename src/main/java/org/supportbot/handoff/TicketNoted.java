package org.supportbot.handoff;

/**
 * An operator left a private note on a ticket. Operators see it wherever they work on the ticket;
 * nothing of it goes to the customer.
 *
 * @param note the note just added (also the last of {@link Ticket#notes()})
 * @param key what the note was made for (the operator's update or request), unique per note
 * @param origin where it was written: {@code telegram-group}, {@code api}
 */
public record TicketNoted(Ticket ticket, Ticket.Note note, String key, String origin) implements TicketEvent {
    @Override
    public String eventKey() {
        return "ticket-" + ticket.number() + "-note-" + key;
    }
}
