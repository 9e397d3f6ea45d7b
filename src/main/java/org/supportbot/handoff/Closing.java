package org.supportbot.handoff;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ending a ticket: resolved or returned to the bot by an operator, or cancelled by the customer.
 * The conversation is unlinked, the operator's capacity given back, and the line moves on.
 */
@Component
class Closing {

    private static final Logger log = LoggerFactory.getLogger(Closing.class);

    private final TicketStore tickets;
    private final Operators operators;
    private final Permissions permissions;
    private final Assignment assignment;
    private final QueueFront front;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<String> reasons;

    Closing(TicketStore tickets, Operators operators, Permissions permissions, Assignment assignment, QueueFront front,
            ApplicationEventPublisher events, Clock clock, HandoffProperties properties) {
        this.reasons = properties.closeReasons();
        this.tickets = tickets;
        this.operators = operators;
        this.permissions = permissions;
        this.assignment = assignment;
        this.front = front;
        this.events = events;
        this.clock = clock;
    }

    /** An operator ends the ticket with {@code outcome}. */
    Ticket byOperator(long number, String by, TicketStatus outcome, String action) {
        var actor = permissions.operator(by);
        var ticket = permissions.ticket(number);
        Permissions.requireOpen(ticket);
        Permissions.requireMayAct(ticket, actor);
        return finish(ticket, outcome, action, actor.login(), null);
    }

    /** The configured close reasons, the default first. */
    List<String> reasons() {
        return reasons;
    }

    /** As {@link Handoff#resolve(long, String, String)}. */
    Ticket resolve(long number, String by, @Nullable String reason) {
        var chosen = reason == null || reason.isBlank() ? reasons.get(0) : reason.strip().toLowerCase(Locale.ROOT);
        if (!reasons.contains(chosen)) {
            throw new HandoffException(HandoffException.Problem.INVALID, "Unknown close reason '" + shorten(chosen) + "'; use one of: "
                    + String.join(", ", reasons));
        }
        var actor = permissions.operator(by);
        var ticket = permissions.ticket(number);
        Permissions.requireOpen(ticket);
        Permissions.requireMayAct(ticket, actor);
        return finish(ticket, TicketStatus.RESOLVED, "resolved", actor.login(), chosen);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** As {@link Handoff#cancelByCustomer}. */
    Optional<Ticket> byCustomer(String conversation) {
        var ticket = tickets.openFor(conversation).orElse(null);
        if (ticket == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(finish(ticket, TicketStatus.CANCELLED, "cancelled by customer", null, null));
        } catch (HandoffException e) {
            return tickets.find(ticket.number()); // closed meanwhile
        }
    }

    private Ticket finish(Ticket ticket, TicketStatus outcome, String action, @Nullable String by, @Nullable String reason) {
        var now = clock.instant();
        var closed = (by != null && reason != null ? tickets.close(ticket.number(), ticket.status(), outcome, action, by, reason, now)
                : tickets.close(ticket.number(), ticket.status(), outcome, action, by, now))
                .orElseThrow(() -> HandoffException.changedMeanwhile(ticket.number()));
        tickets.unlink(ticket.conversation(), ticket.number());
        log.info("Ticket #{} {}{}", ticket.number(), action, reason == null ? "" : " (" + reason + ")");
        if (ticket.operator() != null && ticket.status() == TicketStatus.ASSIGNED) {
            operators.free(ticket.operator());
        }
        events.publishEvent(new TicketClosed(closed, by));
        if (ticket.status() == TicketStatus.WAITING) {
            front.announce(ticket.queue());
        } else if (ticket.operator() != null) {
            assignment.offerNextTo(ticket.operator());
        }
        return closed;
    }
}
