package org.supportbot.handoff;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Messages in a ticket's conversation, as operators see them ({@link TicketMessaged}); the first operator message is the first response. */
@Component
class Messaging {

    private final TicketStore tickets;
    private final Permissions permissions;
    private final Assignment assignment;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Messaging(TicketStore tickets, Permissions permissions, Assignment assignment, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.permissions = permissions;
        this.assignment = assignment;
        this.events = events;
        this.clock = clock;
    }

    /** As {@link Handoff#operatorWrote}. */
    Ticket operatorWrote(long number, String login, String key, String text, String origin, java.util.List<String> attachments) {
        var operator = permissions.operator(login);
        var ticket = permissions.ticket(number);
        Permissions.requireOpen(ticket);
        if (ticket.status() == TicketStatus.WAITING) {
            ticket = assignment.claim(number, login);
        } else if (!operator.login().equals(ticket.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED,
                    "Ticket #" + number + " is held by " + ticket.operatorName() + "; take it over with a transfer first");
        }
        if (ticket.firstResponseAt() == null) {
            ticket = tickets.firstResponse(number, operator.login(), clock.instant()).orElse(ticket);
        }
        events.publishEvent(new TicketMessaged(ticket, "operator", operator.name(), text, key, origin, attachments));
        return ticket;
    }

    /** As {@link Handoff#customerWrote}. */
    void customerWrote(Ticket ticket, String key, String text, java.util.List<String> attachments) {
        events.publishEvent(new TicketMessaged(ticket, "customer", ticket.customerName(), text, key, ticket.channel(), attachments));
    }
}
