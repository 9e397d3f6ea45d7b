package org.supportbot.handoff;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Tells the customer now first in a queue, once per wait ({@link TicketReachedFront}). */
@Component
class QueueFront {

    private final TicketStore tickets;
    private final ApplicationEventPublisher events;

    QueueFront(TicketStore tickets, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.events = events;
    }

    /** The queue's line moved (a ticket was taken, left, or raised): its first customer hears so, unless they have. */
    void announce(String queue) {
        var first = tickets.firstWaiting(queue).orElse(null);
        if (first == null) {
            return;
        }
        tickets.markFrontNotified(first.number()).ifPresent(t -> events.publishEvent(new TicketReachedFront(t)));
    }
}
