package org.supportbot.handoff;

import java.time.Clock;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Moving a ticket: to another operator, or to another queue where it waits again. */
@Component
class Transfers {

    private final TicketStore tickets;
    private final Operators operators;
    private final Permissions permissions;
    private final Routing routing;
    private final WaitEstimates estimates;
    private final Assignment assignment;
    private final QueueFront front;
    private final HandoffProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Transfers(TicketStore tickets, Operators operators, Permissions permissions, Routing routing, WaitEstimates estimates,
            Assignment assignment, QueueFront front, HandoffProperties settings, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.operators = operators;
        this.permissions = permissions;
        this.routing = routing;
        this.estimates = estimates;
        this.assignment = assignment;
        this.front = front;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** As {@link Handoff#transferToOperator}. */
    Ticket toOperator(long number, String toLogin, String by) {
        var actor = permissions.operator(by);
        var target = permissions.operator(toLogin);
        var ticket = permissions.ticket(number);
        Permissions.requireOpen(ticket);
        Permissions.requireMayAct(ticket, actor);
        Permissions.requireServes(target, ticket);
        if (target.login().equals(ticket.operator())) {
            return ticket;
        }
        if (ticket.status() == TicketStatus.ASSIGNED) {
            ticket = backToQueue(ticket, actor, ticket.queue(), "unassigned");
        }
        return assignment.assign(ticket, target, "transferred", actor.login());
    }

    /** As {@link Handoff#transferToQueue}. */
    Ticket toQueue(long number, String queue, String by) {
        var actor = permissions.operator(by);
        var target = queue.strip().toLowerCase(Locale.ROOT);
        var queues = routing.queues();
        if (!queues.contains(target)) {
            throw new HandoffException(HandoffException.Problem.NOT_FOUND, "No queue '" + queue + "'; queues: " + String.join(", ", queues));
        }
        var ticket = permissions.ticket(number);
        Permissions.requireOpen(ticket);
        Permissions.requireMayAct(ticket, actor);
        var from = ticket.queue();
        var moved = backToQueue(ticket, actor, target, "transferred");
        var standing = estimates.standing(moved);
        events.publishEvent(new TicketTransferred(moved, from, actor.login(), moved.history().size() - 1, standing));
        front.announce(target);
        if (settings.autoAssign() && standing.openNow()) {
            assignment.autoAssign(moved);
        }
        return tickets.find(number).orElse(moved);
    }

    /** The ticket waits again in {@code queue}; its holder, if any, has room again. */
    private Ticket backToQueue(Ticket ticket, Operator actor, String queue, String action) {
        var holder = ticket.operator();
        var moved = tickets.requeue(ticket.number(), ticket.status(), queue, action, actor.login(), clock.instant())
                .orElseThrow(() -> HandoffException.changedMeanwhile(ticket.number()));
        if (holder != null) {
            operators.free(holder);
            assignment.offerNextTo(holder);
        }
        return moved;
    }
}
