package org.supportbot.handoff;

import org.springframework.stereotype.Component;

/**
 * Who may do what to which ticket: the lookups and checks every operator action starts with,
 * each refusing with the {@link HandoffException} an operator is shown.
 */
@Component
class Permissions {

    private final Operators operators;
    private final TicketStore tickets;

    Permissions(Operators operators, TicketStore tickets) {
        this.operators = operators;
        this.tickets = tickets;
    }

    /** @throws HandoffException NOT_ALLOWED when no operator has this login */
    Operator operator(String login) {
        return operators.find(login).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_ALLOWED, "'" + login + "' is not an operator"));
    }

    /** @throws HandoffException NOT_FOUND */
    Ticket ticket(long number) {
        return tickets.find(number).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + number));
    }

    /** @throws HandoffException CLOSED */
    static void requireOpen(Ticket ticket) {
        if (!ticket.isOpen()) {
            throw new HandoffException(HandoffException.Problem.CLOSED, "Ticket #" + ticket.number() + " is closed ("
                    + ticket.status().code().replace('_', ' ') + ")");
        }
    }

    /**
     * The actor may move or close the ticket: they hold it, or it waits in a queue they serve, or
     * they are an admin.
     *
     * @throws HandoffException NOT_ALLOWED
     */
    static void requireMayAct(Ticket ticket, Operator actor) {
        boolean holder = actor.login().equals(ticket.operator());
        boolean mayTakeWaiting = ticket.status() == TicketStatus.WAITING && actor.serves(ticket.queue());
        if (!holder && !mayTakeWaiting && !actor.admin()) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + ticket.number() + " is held by " + ticket.operatorName());
        }
    }

    /**
     * The operator takes tickets of its queue.
     *
     * @throws HandoffException NOT_ALLOWED
     */
    static void requireServes(Operator operator, Ticket ticket) {
        if (!operator.serves(ticket.queue())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, operator.name() + " does not serve the queue '" + ticket.queue() + "'");
        }
    }
}
