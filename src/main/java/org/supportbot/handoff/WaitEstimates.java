package org.supportbot.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where a waiting ticket stands: its position in its queue and the expected wait, estimated from
 * the queue's recent tickets. Thread-safe.
 */
@Component
class WaitEstimates {

    /** How many of a queue's recent tickets the estimate learns from. */
    static final int SAMPLE = 20;
    /** How long what was learned of a queue is used before it is read again. */
    static final Duration LEARNED_FOR = Duration.ofSeconds(30);

    private final TicketStore tickets;
    private final Operators operators;
    private final WorkingHours hours;
    private final HandoffProperties settings;
    private final Clock clock;
    private final Map<String, Learned> learned = new ConcurrentHashMap<>();

    WaitEstimates(TicketStore tickets, Operators operators, WorkingHours hours, HandoffProperties settings, Clock clock) {
        this.tickets = tickets;
        this.operators = operators;
        this.hours = hours;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * While operators of the queue have room, the recent time to pick a ticket up; beyond that, the
     * recent handling time for each round of tickets ahead. Outside working hours the time until
     * operators are back is added. A ticket that no longer waits stands nowhere (position 0).
     */
    QueueStanding standing(Ticket ticket) {
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
        var pickup = average(tickets.recentlyAssigned(queue, SAMPLE).stream()
                .map(t -> between(t.openedAt(), t.assignedAt())).toList(), settings.pickupTime());
        var handling = average(tickets.recentlyResolved(queue, SAMPLE).stream()
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
        var known = sample.stream().filter(Objects::nonNull).toList();
        return known.isEmpty() ? fallback : Duration.ofMillis(known.stream().mapToLong(Duration::toMillis).sum() / known.size());
    }
}
