package org.supportbot.handoff;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opening a ticket when the bot hands a customer over: one open ticket per conversation (its link
 * in {@code open_tickets} decides between threads and instances), one ticket per hand-over (the
 * unique key), routed to its queue, and given to an operator at once with auto-assignment.
 */
@Component
class TicketOpening {

    private static final Logger log = LoggerFactory.getLogger(TicketOpening.class);
    /** The most lines of the conversation a ticket keeps: the last ones. */
    static final int TRANSCRIPT_LINES = 20;

    private final TicketStore tickets;
    private final Routing routing;
    private final WaitEstimates estimates;
    private final Assignment assignment;
    private final SlaMonitor sla;
    private final LinkedTicketWait linkedTicket;
    private final HandoffProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketOpening(TicketStore tickets, Routing routing, WaitEstimates estimates, Assignment assignment, SlaMonitor sla,
            LinkedTicketWait linkedTicket, HandoffProperties settings, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.routing = routing;
        this.estimates = estimates;
        this.assignment = assignment;
        this.sla = sla;
        this.linkedTicket = linkedTicket;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** As {@link Handoff#open(Escalation)}. */
    Opened open(Escalation escalation) {
        var existing = tickets.openFor(escalation.conversation());
        if (existing.isPresent()) {
            return new Opened(existing.get(), estimates.standing(existing.get()), false);
        }
        var now = clock.instant();
        var queue = routing.queueOf(escalation.intent());
        var lines = escalation.transcript();
        if (lines.size() > TRANSCRIPT_LINES) {
            lines = lines.subList(lines.size() - TRANSCRIPT_LINES, lines.size());
        }
        long number = tickets.nextNumber();
        if (!tickets.link(escalation.conversation(), number, now)) { // another thread or instance opened one for it just now
            var other = linkedTicket.await(() -> tickets.openFor(escalation.conversation()))
                    .orElseThrow(() -> HandoffException.changedMeanwhile(number));
            return new Opened(other, estimates.standing(other), false);
        }
        var inserted = tickets.insert(number, escalation, lines, queue, routing.priorityOf(escalation.intent()),
                sla.firstResponseDue(queue, now), now);
        if (inserted.isEmpty()) { // opened by the same hand-over before (a turn taken again after a crash)
            var ticket = tickets.byKey(escalation.key()).orElseThrow(() -> HandoffException.changedMeanwhile(number));
            tickets.unlink(escalation.conversation(), number);
            if (ticket.isOpen()) {
                tickets.link(escalation.conversation(), ticket.number(), now);
            }
            return new Opened(ticket, estimates.standing(ticket), false);
        }
        var ticket = inserted.get();
        var standing = estimates.standing(ticket);
        if (standing.position() == 1) {
            tickets.markFrontNotified(number); // told in the first message
        }
        log.info("Ticket #{} opened in queue {} ({}), position {}", number, queue, escalation.reason(), standing.position());
        events.publishEvent(new TicketOpened(ticket, standing));
        if (settings.autoAssign() && standing.openNow()) {
            var assigned = assignment.autoAssign(ticket);
            if (assigned.isPresent()) {
                return new Opened(assigned.get(), estimates.standing(assigned.get()), true);
            }
        }
        return new Opened(ticket, standing, true);
    }
}
