package org.supportbot.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Tickets and the operator queue: opening a ticket when the bot hands a customer over, routing it
 * to the queue its intent names, claims, transfers, resolution, the customer's rating, and the
 * first-response SLA.
 *
 * <p>Every change is one atomic update of the ticket's document whose filter names the state it
 * expects, so with several instances on one MongoDB a ticket is claimed by exactly one operator;
 * an operator's capacity is taken the same way. After each change a {@link TicketEvent} is
 * published on the caller's thread.
 *
 * <p>Operations that cannot be done throw {@link HandoffException} with the reason. Thread-safe.
 *
 * <p>The module's entry point only: each operation is done by the package's class for it
 * ({@code TicketOpening}, {@code Assignment}, {@code Transfers}, {@code Closing}, {@code Messaging},
 * {@code Ratings}, {@code SlaMonitor}, {@code WaitEstimates}, {@code Routing}), which publishes its
 * events; the tickets are stored by {@code TicketStore}.
 */
@Service
public class Handoff {

    /** The queue of tickets whose intent names none (out of scope, nothing understood). */
    public static final String DEFAULT_QUEUE = "general";

    private final TicketStore tickets;
    private final WorkingHours hours;
    private final Routing routing;
    private final TicketOpening opening;
    private final WaitEstimates estimates;
    private final Assignment assignment;
    private final Transfers transfers;
    private final Closing closing;
    private final Messaging messaging;
    private final Ratings ratings;
    private final SlaMonitor sla;
    private final Annotations annotations;
    private final Presence presence;

    Handoff(TicketStore tickets, WorkingHours hours, Routing routing, TicketOpening opening, WaitEstimates estimates, Assignment assignment,
            Transfers transfers, Closing closing, Messaging messaging, Ratings ratings, SlaMonitor sla, Annotations annotations,
            Presence presence) {
        this.annotations = annotations;
        this.presence = presence;
        this.tickets = tickets;
        this.hours = hours;
        this.routing = routing;
        this.opening = opening;
        this.estimates = estimates;
        this.assignment = assignment;
        this.transfers = transfers;
        this.closing = closing;
        this.messaging = messaging;
        this.ratings = ratings;
        this.sla = sla;
    }

    /** Operators' working hours. */
    public WorkingHours hours() {
        return hours;
    }

    /** Every queue: those the intents name, those operators serve, and {@value #DEFAULT_QUEUE}. */
    public Set<String> queues() {
        return routing.queues();
    }

    /** The queue an intent's tickets go to. */
    public String queueOf(@Nullable String intent) {
        return routing.queueOf(intent);
    }

    /**
     * Opens a ticket for a customer the bot hands over, unless their conversation has an open one
     * (then that one is returned, {@link Opened#isNew()} false). Idempotent by {@link Escalation#key()}.
     */
    public Opened open(Escalation escalation) {
        return opening.open(escalation);
    }

    public Optional<Ticket> find(long number) {
        return tickets.find(number);
    }

    /** The conversation's open ticket, if it has one. */
    public Optional<Ticket> openTicketOf(String conversation) {
        return tickets.openFor(conversation);
    }

    /** The conversation's tickets, newest first. */
    public List<Ticket> ticketsOf(String conversation, int limit) {
        return tickets.ofConversation(conversation, limit);
    }

    /** Waiting tickets of a queue (every queue when null), in the order they will be served. */
    public List<Ticket> waiting(@Nullable String queue) {
        return tickets.waiting(queue);
    }

    /** Every open ticket (waiting or assigned), oldest first. */
    public List<Ticket> open() {
        return tickets.open();
    }

    /** The tickets an operator holds. */
    public List<Ticket> assignedTo(String login) {
        return tickets.assignedTo(login);
    }

    /** Tickets opened in a period, for reports. */
    public List<Ticket> openedBetween(Instant from, Instant to) {
        return tickets.openedBetween(from, to);
    }

    /**
     * Where a waiting ticket stands: its position in its queue and the expected wait, estimated from
     * the queue's recent tickets: while operators of the queue have room, the recent time to pick a
     * ticket up; beyond that, the recent handling time for each round of tickets ahead. Outside
     * working hours the time until operators are back is added.
     */
    public QueueStanding standing(Ticket ticket) {
        return estimates.standing(ticket);
    }

    /**
     * An operator takes a waiting ticket.
     *
     * @throws HandoffException NOT_FOUND, NOT_ALLOWED (not an operator, or not their queue),
     *         CONFLICT (taken by someone else), CLOSED, OVER_CAPACITY
     */
    public Ticket claim(long number, String login) {
        return assignment.claim(number, login);
    }

    /**
     * Hands a ticket to another operator (who must serve its queue and have room).
     *
     * @throws HandoffException as {@link #claim}, and NOT_ALLOWED when {@code by} may not move it
     */
    public Ticket transferToOperator(long number, String toLogin, String by) {
        return transfers.toOperator(number, toLogin, by);
    }

    /**
     * Moves a ticket to another queue, where it waits again (keeping its place by opening time).
     *
     * @throws HandoffException NOT_FOUND (ticket or queue), NOT_ALLOWED, CLOSED
     */
    public Ticket transferToQueue(long number, String queue, String by) {
        return transfers.toQueue(number, queue, by);
    }

    /** The operator helped: the ticket is resolved with the default close reason and the customer is asked for a rating. */
    public Ticket resolve(long number, String by) {
        return closing.resolve(number, by, null);
    }

    /**
     * The operator closes the ticket as resolved, with a reason from {@link #closeReasons()} (the
     * default one when blank). The customer is asked for a rating unless the reason is
     * {@value Ticket#SPAM}.
     *
     * @throws HandoffException INVALID for a reason not configured; otherwise as {@link #resolve(long, String)}
     */
    public Ticket resolve(long number, String by, @Nullable String reason) {
        return closing.resolve(number, by, reason);
    }

    /** Why operators may close a ticket ({@code supportbot.handoff.close-reasons}), the default first. */
    public List<String> closeReasons() {
        return closing.reasons();
    }

    /**
     * An operator leaves a private note on a ticket (open or closed): stored on the ticket, shown to
     * operators, never sent to the customer. Publishes {@link TicketNoted}.
     *
     * @param key unique to this note (the operator's update or request): the event's key
     * @param origin where it was written, as {@link TicketNoted#origin()}
     * @throws HandoffException INVALID when empty or over 4,096 characters; NOT_ALLOWED when the
     *         ticket is in a queue the operator does not serve; NOT_FOUND
     */
    public Ticket addNote(long number, String login, String text, String key, String origin) {
        return annotations.addNote(number, login, text, key, origin);
    }

    /** An operator's presence; {@link OperatorStatus#ONLINE} when they never set one. */
    public OperatorStatus presenceOf(String login) {
        return presence.of(login);
    }

    /**
     * Sets an operator's presence. Only online operators are given tickets automatically; one who
     * comes online is offered waiting tickets of their queues up to their capacity.
     *
     * @throws HandoffException NOT_ALLOWED when no operator has this login
     */
    public void setPresence(String login, OperatorStatus status) {
        var operator = assignment.operator(login);
        var before = presence.set(operator.login(), status);
        if (status == OperatorStatus.ONLINE && before != OperatorStatus.ONLINE) {
            for (int i = 0; i < operator.capacity(); i++) {
                assignment.offerNextTo(operator.login());
            }
        }
    }

    /**
     * Sets a ticket's free tags (replacing the previous ones): lower-cased words of up to 32
     * letters, digits, {@code _} or {@code -}, at most 10; a leading {@code #} is dropped.
     *
     * @throws HandoffException INVALID for a tag not of that shape or too many; NOT_ALLOWED; NOT_FOUND
     */
    public Ticket tag(long number, String login, List<String> tags) {
        return annotations.tag(number, login, tags);
    }

    /** The operator hands the conversation back to the bot (nothing to rate). */
    public Ticket returnToBot(long number, String by) {
        return closing.byOperator(number, by, TicketStatus.RETURNED_TO_BOT, "returned to bot");
    }

    /** The customer stops waiting, or goes back to the bot while an operator holds the conversation. */
    public Optional<Ticket> cancelByCustomer(String conversation) {
        return closing.byCustomer(conversation);
    }

    /**
     * An operator writes to the customer. A waiting ticket is taken by them first; the first
     * message is the first response the SLA measures. The caller delivers the text.
     *
     * @throws HandoffException as {@link #claim}; NOT_ALLOWED when someone else holds it
     */
    public Ticket operatorWrote(long number, String login, String key, String text, String origin) {
        return messaging.operatorWrote(number, login, key, text, origin, java.util.List.of());
    }

    /**
     * As {@link #operatorWrote(long, String, String, String, String)}, with files: {@code attachments} are their ids
     * (the conversation module's attachment references), {@code text} their caption.
     */
    public Ticket operatorWrote(long number, String login, String key, String text, String origin, java.util.List<String> attachments) {
        return messaging.operatorWrote(number, login, key, text, origin, attachments);
    }

    /** The customer wrote while their ticket is open: operators see it. */
    public void customerWrote(Ticket ticket, String key, String text) {
        messaging.customerWrote(ticket, key, text, java.util.List.of());
    }

    /** The customer sent files (their attachment ids) while their ticket is open: operators see them. */
    public void customerWrote(Ticket ticket, String key, String text, java.util.List<String> attachments) {
        messaging.customerWrote(ticket, key, text, attachments);
    }

    /**
     * Stores the customer's rating of a resolved ticket: only from the ticket's own conversation,
     * and once (one atomic update whose filter names both).
     *
     * @param conversation the conversation the rating comes from; must be the ticket's
     * @throws HandoffException INVALID outside 1–5; CONFLICT when the ticket does not exist, is not
     *         the conversation's, is not resolved, or is rated already
     */
    public Ticket rate(long number, String conversation, int score) {
        return ratings.rate(number, conversation, score);
    }

    /**
     * Stores the customer's comment on their rating: only from the ticket's own conversation, after
     * its rating, and once.
     *
     * @throws HandoffException CONFLICT when the ticket is not the conversation's, is not rated, or has a comment
     */
    public Ticket comment(long number, String conversation, String comment) {
        return ratings.comment(number, conversation, comment);
    }

    /**
     * Raises every waiting ticket past its first-response target: marked overdue, priority up by
     * one, announced to operators. Called periodically by the SLA monitor; returns how many.
     */
    public int escalateOverdue() {
        return sla.escalateOverdue();
    }
}
