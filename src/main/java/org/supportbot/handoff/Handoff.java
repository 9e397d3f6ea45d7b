package org.supportbot.handoff;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.supportbot.knowledge.IntentDefinition;
import org.supportbot.knowledge.KnowledgeBase;

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
 */
@Service
public class Handoff {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    /** The queue of tickets whose intent names none (out of scope, nothing understood). */
    public static final String DEFAULT_QUEUE = "general";
    static final int TRANSCRIPT_LINES = 20;
    private static final int ESTIMATE_SAMPLE = 20;
    static final Duration LEARNED_FOR = Duration.ofSeconds(30);

    private final TicketStore tickets;
    private final Operators operators;
    private final KnowledgeBase knowledge;
    private final WorkingHours hours;
    private final HandoffProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final java.util.Map<String, Learned> learned = new java.util.concurrent.ConcurrentHashMap<>();

    Handoff(TicketStore tickets, Operators operators, KnowledgeBase knowledge, WorkingHours hours, HandoffProperties settings,
            ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.operators = operators;
        this.knowledge = knowledge;
        this.hours = hours;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Operators' working hours. */
    public WorkingHours hours() {
        return hours;
    }

    /** Every queue: those the intents name, those operators serve, and {@value #DEFAULT_QUEUE}. */
    public Set<String> queues() {
        var queues = new TreeSet<String>();
        queues.add(DEFAULT_QUEUE);
        knowledge.content().intents().values().forEach(intent -> queues.add(intent.queue()));
        operators.all().forEach(operator -> queues.addAll(operator.queues()));
        return queues;
    }

    /** The queue an intent's tickets go to. */
    public String queueOf(@Nullable String intent) {
        if (intent == null || IntentDefinition.OUT_OF_SCOPE.equals(intent)) {
            return DEFAULT_QUEUE;
        }
        return knowledge.content().intent(intent).map(IntentDefinition::queue).filter(q -> !q.isBlank()).orElse(DEFAULT_QUEUE);
    }

    /**
     * Opens a ticket for a customer the bot hands over, unless their conversation has an open one
     * (then that one is returned, {@link Opened#isNew()} false). Idempotent by {@link Escalation#key()}.
     */
    public Opened open(Escalation escalation) {
        var existing = tickets.openFor(escalation.conversation());
        if (existing.isPresent()) {
            return new Opened(existing.get(), standing(existing.get()), false);
        }
        var now = clock.instant();
        var queue = queueOf(escalation.intent());
        int priority = escalation.intent() != null && settings.priorityIntents().contains(escalation.intent()) ? 1 : 0;
        var start = hours.nextOpening(now).map(t -> t.toInstant()).orElse(now);
        var lines = escalation.transcript();
        if (lines.size() > TRANSCRIPT_LINES) {
            lines = lines.subList(lines.size() - TRANSCRIPT_LINES, lines.size());
        }
        long number = tickets.nextNumber();
        if (!tickets.link(escalation.conversation(), number, now)) { // another thread or instance opened one for it just now
            var other = openedElsewhere(escalation.conversation()).orElseThrow(() -> conflict(number));
            return new Opened(other, standing(other), false);
        }
        var doc = new Document("_id", number)
                .append("key", escalation.key())
                .append("conversation", escalation.conversation())
                .append("channel", escalation.channel())
                .append("customerName", escalation.customerName())
                .append("language", escalation.language().code())
                .append("intent", escalation.intent())
                .append("reason", escalation.reason())
                .append("queue", queue)
                .append("priority", priority)
                .append("status", TicketStatus.WAITING.code())
                .append("openedAt", Date.from(now))
                .append("slaDueAt", Date.from(start.plus(settings.slaOf(queue))))
                .append("overdue", false)
                .append("frontNotified", false)
                .append("transcript", lines.stream().map(TicketStore::line).toList())
                .append("history", List.of(TicketStore.step(now, "opened", null, escalation.reason() + (escalation.intent() == null ? "" : ", " + escalation.intent()))));
        var inserted = tickets.insert(doc);
        if (inserted.isEmpty()) { // opened by the same hand-over before (a turn taken again after a crash)
            var ticket = tickets.byKey(escalation.key()).orElseThrow(() -> conflict(number));
            tickets.unlink(escalation.conversation(), number);
            if (ticket.isOpen()) {
                tickets.link(escalation.conversation(), ticket.number(), now);
            }
            return new Opened(ticket, standing(ticket), false);
        }
        var ticket = inserted.get();
        var standing = standing(ticket);
        if (standing.position() == 1) {
            tickets.update(number, Filters.eq("status", "waiting"), Updates.set("frontNotified", true)); // told in the first message
        }
        log.info("Ticket #{} opened in queue {} ({}), position {}", number, queue, escalation.reason(), standing.position());
        events.publishEvent(new TicketOpened(ticket, standing));
        if (settings.autoAssign() && standing.openNow()) {
            var assigned = autoAssign(ticket);
            if (assigned.isPresent()) {
                return new Opened(assigned.get(), standing(assigned.get()), true);
            }
        }
        return new Opened(ticket, standing, true);
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
     * The ticket another hand-over of the conversation linked: it may be between its link and its
     * ticket's insert, so this looks again for a moment before giving up.
     */
    private Optional<Ticket> openedElsewhere(String conversation) {
        for (int attempt = 0; attempt < 200; attempt++) {
            var other = tickets.openFor(conversation);
            if (other.isPresent()) {
                return other;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * Where a waiting ticket stands: its position in its queue and the expected wait, estimated from
     * the queue's recent tickets: while operators of the queue have room, the recent time to pick a
     * ticket up; beyond that, the recent handling time for each round of tickets ahead. Outside
     * working hours the time until operators are back is added.
     */
    public QueueStanding standing(Ticket ticket) {
        var now = clock.instant();
        var next = hours.nextOpening(now).orElse(null);
        if (ticket.status() != TicketStatus.WAITING) {
            return new QueueStanding(0, Duration.ZERO, next == null, next);
        }
        int position = (int) Math.min(Integer.MAX_VALUE - 1, tickets.ahead(ticket)) + 1;
        var serving = operators.all().stream().filter(o -> o.serves(ticket.queue())).toList();
        var load = operators.load();
        int room = serving.stream().mapToInt(o -> Math.max(0, o.capacity() - load.getOrDefault(o.login(), 0))).sum();
        var times = learned(ticket.queue());
        Duration wait;
        if (position <= room) {
            wait = times.pickup();
        } else {
            long rounds = (position - room + Math.max(1, serving.size()) - 1) / Math.max(1, serving.size());
            wait = times.handling().multipliedBy(rounds);
        }
        if (next != null) {
            wait = wait.plus(Duration.between(now, next.toInstant()));
        }
        return new QueueStanding(position, wait, next == null, next);
    }

    /** What the wait estimate learned from a queue's recent tickets, and when. */
    private record Learned(Duration pickup, Duration handling, Instant at) {
    }

    /**
     * The queue's recent pick-up and handling times, read again after {@link #LEARNED_FOR}: not
     * for every customer who asks (the embedded store scans every ticket for it).
     */
    private Learned learned(String queue) {
        var now = clock.instant();
        var cached = learned.get(queue);
        if (cached != null && cached.at().plus(LEARNED_FOR).isAfter(now)) {
            return cached;
        }
        var pickup = average(tickets.recentlyAssigned(queue, ESTIMATE_SAMPLE).stream()
                .map(t -> between(t.openedAt(), t.assignedAt())).toList(), settings.pickupTime());
        var handling = average(tickets.recentlyResolved(queue, ESTIMATE_SAMPLE).stream()
                .map(t -> between(t.assignedAt() != null ? t.assignedAt() : t.openedAt(), t.closedAt())).toList(), settings.handlingTime());
        var fresh = new Learned(pickup, handling, now);
        learned.put(queue, fresh);
        return fresh;
    }

    /** The time between two instants; null when either is unknown or they are out of order. */
    private static @Nullable Duration between(Instant from, @Nullable Instant to) {
        return to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }

    private static Duration average(List<@Nullable Duration> sample, Duration fallback) {
        var known = sample.stream().filter(java.util.Objects::nonNull).toList();
        return known.isEmpty() ? fallback : Duration.ofMillis(known.stream().mapToLong(Duration::toMillis).sum() / known.size());
    }

    /**
     * An operator takes a waiting ticket.
     *
     * @throws HandoffException NOT_FOUND, NOT_ALLOWED (not an operator, or not their queue),
     *         CONFLICT (taken by someone else), CLOSED, OVER_CAPACITY
     */
    public Ticket claim(long number, String login) {
        var operator = operator(login);
        var ticket = ticket(number);
        if (ticket.status() == TicketStatus.ASSIGNED && login.equals(ticket.operator())) {
            return ticket; // theirs already: claiming again changes nothing
        }
        requireOpen(ticket);
        if (ticket.status() != TicketStatus.WAITING) {
            throw new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " is already taken by " + ticket.operatorName());
        }
        if (!operator.serves(ticket.queue())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, operator.name() + " does not serve the queue '" + ticket.queue() + "'");
        }
        return assign(ticket, operator, "assigned", null);
    }

    private Ticket assign(Ticket ticket, Operator operator, String action, @Nullable String by) {
        if (!operators.reserve(operator)) {
            throw new HandoffException(HandoffException.Problem.OVER_CAPACITY,
                    operator.name() + " already holds " + operator.capacity() + " conversations (their capacity)");
        }
        var now = clock.instant();
        var claimed = tickets.update(ticket.number(), Filters.eq("status", "waiting"), Updates.combine(
                Updates.set("status", TicketStatus.ASSIGNED.code()),
                Updates.set("operator", operator.login()),
                Updates.set("operatorName", operator.name()),
                Updates.set("assignedAt", Date.from(now)),
                Updates.push("history", TicketStore.step(now, action, by != null ? by : operator.login(), operator.login()))));
        if (claimed.isEmpty()) {
            operators.free(operator.login());
            var current = ticket(ticket.number());
            requireOpen(current);
            throw new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + ticket.number() + " is already taken by " + current.operatorName());
        }
        var assigned = claimed.get();
        log.info("Ticket #{} taken by {}", assigned.number(), operator.login());
        events.publishEvent(new TicketAssigned(assigned, assigned.history().size() - 1));
        announceFront(assigned.queue());
        return assigned;
    }

    /** Gives a waiting ticket to the least busy operator of its queue who has room. */
    private Optional<Ticket> autoAssign(Ticket ticket) {
        var load = operators.load();
        var candidates = operators.all().stream()
                .filter(o -> o.serves(ticket.queue()))
                .filter(o -> load.getOrDefault(o.login(), 0) < o.capacity())
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
    private void offerNextTo(String login) {
        if (!settings.autoAssign() || !hours.isOpen(clock.instant())) {
            return;
        }
        var operator = operators.find(login).orElse(null);
        if (operator == null) {
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

    /**
     * Hands a ticket to another operator (who must serve its queue and have room).
     *
     * @throws HandoffException as {@link #claim}, and NOT_ALLOWED when {@code by} may not move it
     */
    public Ticket transferToOperator(long number, String toLogin, String by) {
        var actor = operator(by);
        var target = operator(toLogin);
        var ticket = ticket(number);
        requireOpen(ticket);
        requireMayAct(ticket, actor);
        if (!target.serves(ticket.queue())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, target.name() + " does not serve the queue '" + ticket.queue() + "'");
        }
        if (target.login().equals(ticket.operator())) {
            return ticket;
        }
        if (ticket.status() == TicketStatus.ASSIGNED) {
            ticket = backToQueue(ticket, actor, ticket.queue(), "unassigned");
        }
        return assign(ticket, target, "transferred", actor.login());
    }

    /**
     * Moves a ticket to another queue, where it waits again (keeping its place by opening time).
     *
     * @throws HandoffException NOT_FOUND (ticket or queue), NOT_ALLOWED, CLOSED
     */
    public Ticket transferToQueue(long number, String queue, String by) {
        var actor = operator(by);
        var target = queue.strip().toLowerCase(Locale.ROOT);
        if (!queues().contains(target)) {
            throw new HandoffException(HandoffException.Problem.NOT_FOUND, "No queue '" + queue + "'; queues: " + String.join(", ", queues()));
        }
        var ticket = ticket(number);
        requireOpen(ticket);
        requireMayAct(ticket, actor);
        var from = ticket.queue();
        var moved = backToQueue(ticket, actor, target, "transferred");
        var standing = standing(moved);
        events.publishEvent(new TicketTransferred(moved, from, actor.login(), moved.history().size() - 1, standing));
        announceFront(target);
        if (settings.autoAssign() && standing.openNow()) {
            autoAssign(moved);
        }
        return tickets.find(number).orElse(moved);
    }

    private Ticket backToQueue(Ticket ticket, Operator actor, String queue, String action) {
        var now = clock.instant();
        var holder = ticket.operator();
        var moved = tickets.update(ticket.number(), Filters.eq("status", ticket.status().code()), Updates.combine(
                Updates.set("status", TicketStatus.WAITING.code()),
                Updates.set("queue", queue),
                Updates.unset("operator"),
                Updates.unset("operatorName"),
                Updates.set("frontNotified", false),
                Updates.push("history", TicketStore.step(now, action, actor.login(), queue))))
                .orElseThrow(() -> conflict(ticket.number()));
        if (holder != null) {
            operators.free(holder);
            offerNextTo(holder);
        }
        return moved;
    }

    /** The operator helped: the ticket is resolved and the customer is asked for a rating. */
    public Ticket resolve(long number, String by) {
        return close(number, by, TicketStatus.RESOLVED, "resolved");
    }

    /** The operator hands the conversation back to the bot (nothing to rate). */
    public Ticket returnToBot(long number, String by) {
        return close(number, by, TicketStatus.RETURNED_TO_BOT, "returned to bot");
    }

    private Ticket close(long number, String by, TicketStatus outcome, String action) {
        var actor = operator(by);
        var ticket = ticket(number);
        requireOpen(ticket);
        requireMayAct(ticket, actor);
        return finish(ticket, outcome, action, actor.login());
    }

    /** The customer stops waiting, or goes back to the bot while an operator holds the conversation. */
    public Optional<Ticket> cancelByCustomer(String conversation) {
        var ticket = tickets.openFor(conversation).orElse(null);
        if (ticket == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(finish(ticket, TicketStatus.CANCELLED, "cancelled by customer", null));
        } catch (HandoffException e) {
            return tickets.find(ticket.number()); // closed meanwhile
        }
    }

    private Ticket finish(Ticket ticket, TicketStatus outcome, String action, @Nullable String by) {
        var now = clock.instant();
        var closed = tickets.update(ticket.number(), Filters.eq("status", ticket.status().code()), Updates.combine(
                Updates.set("status", outcome.code()),
                Updates.set("closedAt", Date.from(now)),
                Updates.push("history", TicketStore.step(now, action, by, null))))
                .orElseThrow(() -> conflict(ticket.number()));
        tickets.unlink(ticket.conversation(), ticket.number());
        log.info("Ticket #{} {}", ticket.number(), action);
        if (ticket.operator() != null && ticket.status() == TicketStatus.ASSIGNED) {
            operators.free(ticket.operator());
        }
        events.publishEvent(new TicketClosed(closed, by));
        if (ticket.status() == TicketStatus.WAITING) {
            announceFront(ticket.queue());
        } else if (ticket.operator() != null) {
            offerNextTo(ticket.operator());
        }
        return closed;
    }

    /**
     * An operator writes to the customer. A waiting ticket is taken by them first; the first
     * message is the first response the SLA measures. The caller delivers the text.
     *
     * @throws HandoffException as {@link #claim}; NOT_ALLOWED when someone else holds it
     */
    public Ticket operatorWrote(long number, String login, String key, String text, String origin) {
        var operator = operator(login);
        var ticket = ticket(number);
        requireOpen(ticket);
        if (ticket.status() == TicketStatus.WAITING) {
            ticket = claim(number, login);
        } else if (!operator.login().equals(ticket.operator())) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED,
                    "Ticket #" + number + " is held by " + ticket.operatorName() + "; take it over with a transfer first");
        }
        if (ticket.firstResponseAt() == null) {
            ticket = tickets.update(number, Filters.eq("firstResponseAt", null), Updates.combine(
                    Updates.set("firstResponseAt", Date.from(clock.instant())),
                    Updates.push("history", TicketStore.step(clock.instant(), "first response", operator.login(), null))))
                    .orElse(ticket);
        }
        events.publishEvent(new TicketMessaged(ticket, "operator", operator.name(), text, key, origin));
        return ticket;
    }

    /** The customer wrote while their ticket is open: operators see it. */
    public void customerWrote(Ticket ticket, String key, String text) {
        events.publishEvent(new TicketMessaged(ticket, "customer", ticket.customerName(), text, key, ticket.channel()));
    }

    /**
     * Stores the customer's rating of a resolved ticket (a later rating replaces an earlier one).
     *
     * @throws HandoffException INVALID outside 1–5, NOT_FOUND, CONFLICT when the ticket is not resolved
     */
    public Ticket rate(long number, int score) {
        if (score < 1 || score > 5) {
            throw new HandoffException(HandoffException.Problem.INVALID, "A rating is 1 to 5, got " + score);
        }
        return tickets.update(number, Filters.eq("status", "resolved"), Updates.combine(Updates.set("csat", score),
                Updates.push("history", TicketStore.step(clock.instant(), "rated", null, Integer.toString(score)))))
                .orElseThrow(() -> new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " is not resolved"));
    }

    /** Stores the customer's comment on their rating. */
    public Ticket comment(long number, String comment) {
        var text = comment.strip();
        if (text.length() > 2000) {
            text = text.substring(0, 2000);
        }
        return tickets.update(number, Filters.eq("status", "resolved"), Updates.set("comment", text))
                .orElseThrow(() -> new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " is not resolved"));
    }

    /**
     * Raises every waiting ticket past its first-response target: marked overdue, priority up by
     * one, announced to operators. Called periodically by the SLA monitor; returns how many.
     */
    public int escalateOverdue() {
        var now = clock.instant();
        int raised = 0;
        var queues = new TreeSet<String>();
        for (var ticket : tickets.overdueCandidates(now)) {
            var updated = tickets.update(ticket.number(), Filters.and(Filters.eq("status", "waiting"), Filters.ne("overdue", true)),
                    Updates.combine(Updates.set("overdue", true), Updates.inc("priority", 1),
                            Updates.push("history", TicketStore.step(now, "overdue", null, "first response due " + ticket.slaDueAt()))));
            if (updated.isPresent()) {
                raised++;
                queues.add(ticket.queue());
                log.warn("Ticket #{} in queue {} is past its first-response target", ticket.number(), ticket.queue());
                events.publishEvent(new TicketOverdue(updated.get()));
            }
        }
        queues.forEach(this::announceFront);
        return raised;
    }

    /** Tells the customer now first in the queue, once per wait. */
    private void announceFront(String queue) {
        var first = tickets.firstWaiting(queue).orElse(null);
        if (first == null) {
            return;
        }
        tickets.update(first.number(), Filters.and(Filters.eq("status", "waiting"), Filters.eq("frontNotified", false)),
                Updates.set("frontNotified", true)).ifPresent(t -> events.publishEvent(new TicketReachedFront(t)));
    }

    /** Sets each operator's count of held conversations from the tickets (a crash may have left it off). */
    @EventListener(ApplicationReadyEvent.class)
    void recountLoad() {
        for (var operator : operators.all()) {
            operators.recount(operator.login(), tickets.assignedTo(operator.login()).size());
        }
    }

    private Operator operator(String login) {
        return operators.find(login).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_ALLOWED, "'" + login + "' is not an operator"));
    }

    private Ticket ticket(long number) {
        return tickets.find(number).orElseThrow(() -> new HandoffException(HandoffException.Problem.NOT_FOUND, "No ticket #" + number));
    }

    private static void requireOpen(Ticket ticket) {
        if (!ticket.isOpen()) {
            throw new HandoffException(HandoffException.Problem.CLOSED, "Ticket #" + ticket.number() + " is closed ("
                    + ticket.status().code().replace('_', ' ') + ")");
        }
    }

    private static void requireMayAct(Ticket ticket, Operator actor) {
        boolean holder = actor.login().equals(ticket.operator());
        boolean mayTakeWaiting = ticket.status() == TicketStatus.WAITING && actor.serves(ticket.queue());
        if (!holder && !mayTakeWaiting && !actor.admin()) {
            throw new HandoffException(HandoffException.Problem.NOT_ALLOWED, "Ticket #" + ticket.number() + " is held by " + ticket.operatorName());
        }
    }

    private static HandoffException conflict(long number) {
        return new HandoffException(HandoffException.Problem.CONFLICT, "Ticket #" + number + " changed meanwhile; look again");
    }
}
