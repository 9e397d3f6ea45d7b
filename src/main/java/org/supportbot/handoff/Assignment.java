package org.supportbot.handoff;

import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Giving waiting tickets to operators within their capacity: claims, auto-assignment, and the
 * next ticket for an operator who has room again. The capacity is taken first
 * ({@link Operators#reserve}) and given back when the ticket was taken meanwhile, so neither the
 * ticket nor the capacity is ever given twice.
 */
@Component
class Assignment {

    private static final Logger log = LoggerFactory.getLogger(Assignment.class);

    private final TicketStore tickets;
    private final Operators operators;
    private final Permissions permissions;
    private final QueueFront front;
    private final WorkingHours hours;
    private final HandoffProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Presence presence;

    Assignment(TicketStore tickets, Operators operators, Permissions permissions, QueueFront front, WorkingHours hours,
            HandoffProperties settings, ApplicationEventPublisher events, Clock clock, Presence presence) {
        this.presence = presence;
        this.tickets = tickets;
        this.operators = operators;
        this.permissions = permissions;
        this.front = front;
        this.hours = hours;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** As {@link Handoff#claim}. */
    Ticket claim(long number, String login) {
        var operator = permissions.operator(login);
        var ticket = permissions.ticket(number);
        if (ticket.status() == TicketStatus.ASSIGNED && login.equals(ticket.operator())) {
            return ticket; // theirs already: claiming again changes nothing
        }
        Permissions.requireOpen(ticket);
        if (ticket.status() != TicketStatus.WAITING) {
            throw new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " is already taken by " + ticket.operatorName());
        }
        Permissions.requireServes(operator, ticket);
        return assign(ticket, operator, "assigned", null);
    }

    /**
     * Gives the waiting ticket to the operator; {@code by} is who gave it (null: they took it).
     *
     * @throws HandoffException OVER_CAPACITY, CONFLICT when it was taken meanwhile, CLOSED
     */
    Ticket assign(Ticket ticket, Operator operator, String action, @Nullable String by) {
        if (!operators.reserve(operator)) {
            throw new HandoffException(HandoffException.Problem.OVER_CAPACITY,
                    operator.name() + " already holds " + operator.capacity() + " conversations (their capacity)");
        }
        var claimed = tickets.assign(ticket.number(), operator, action, by != null ? by : operator.login(), clock.instant());
        if (claimed.isEmpty()) {
            operators.free(operator.login());
            var current = permissions.ticket(ticket.number());
            Permissions.requireOpen(current);
            throw new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + ticket.number() + " is already taken by " + current.operatorName());
        }
        var assigned = claimed.get();
        log.info("Ticket #{} taken by {}", assigned.number(), operator.login());
        events.publishEvent(new TicketAssigned(assigned, assigned.history().size() - 1));
        front.announce(assigned.queue());
        return assigned;
    }

    /** @throws HandoffException NOT_ALLOWED when no operator has this login */
    Operator operator(String login) {
        return permissions.operator(login);
    }

    /** Gives a waiting ticket to the least busy operator of its queue who has room; empty when none has, or it was taken meanwhile. */
    Optional<Ticket> autoAssign(Ticket ticket) {
        var load = operators.load();
        var candidates = operators.all().stream()
                .filter(o -> o.serves(ticket.queue()))
                .filter(o -> load.getOrDefault(o.login(), 0) < o.capacity())
                .filter(o -> presence.of(o.login()) == OperatorStatus.ONLINE)
                .sorted(Comparator.comparingDouble((Operator o) -> (double) load.getOrDefault(o.login(), 0) / o.capacity())
                        .thenComparing(Operator::login))
                .toList();
        for (var operator : candidates) {
            try {
                return Optional.of(assign(ticket, operator, "auto-assigned", "auto"));
            } catch (HandoffException e) {
                if (e.problem() != HandoffException.Problem.OVER_CAPACITY) {
                    return Optional.empty(); // taken meanwhile
                }
            }
        }
        return Optional.empty();
    }

    /** An operator has room again: with auto-assignment, the next waiting ticket of their queues goes to them. */
    void offerNextTo(String login) {
        if (!settings.autoAssign() || !hours.isOpen(clock.instant())) {
            return;
        }
        var operator = operators.find(login).orElse(null);
        if (operator == null || presence.of(login) != OperatorStatus.ONLINE) {
            return;
        }
        for (var ticket : tickets.waiting(null)) {
            if (operator.serves(ticket.queue())) {
                try {
                    assign(ticket, operator, "auto-assigned", "auto");
                    return;
                } catch (HandoffException e) {
                    if (e.problem() == HandoffException.Problem.OVER_CAPACITY) {
                        return;
                    }
                }
            }
        }
    }

    /** Sets each operator's count of held conversations from the tickets (a crash may have left it off). */
    @EventListener(ApplicationReadyEvent.class)
    void recountLoad() {
        for (var operator : operators.all()) {
            operators.recount(operator.login(), tickets.assignedTo(operator.login()).size());
        }
    }
}
