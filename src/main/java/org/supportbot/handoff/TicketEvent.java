package org.supportbot.handoff;

/**
 * Something happened to a ticket. Published synchronously by {@link Handoff} after the change is
 * stored; listeners run on the caller's thread.
 */
public sealed interface TicketEvent permits TicketOpened, TicketAssigned, TicketReachedFront, TicketMessaged,
        TicketTransferred, TicketOverdue, TicketClosed, TicketNoted {

    /** The ticket as it is after the change. */
    Ticket ticket();

    /** A key unique to this event, for idempotent side effects (e.g. outbox ids). */
    String eventKey();
}
