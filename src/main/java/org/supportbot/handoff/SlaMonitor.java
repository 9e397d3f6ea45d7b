package org.supportbot.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first-response SLA: each new ticket's target ({@link #firstResponseDue}), and the waiting
 * tickets past it raised ({@link #escalateOverdue}), periodically
 * ({@code supportbot.handoff.sla-check-interval}, 30 s; 0 turns the checks off).
 */
@Component
class SlaMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final TicketStore tickets;
    private final QueueFront front;
    private final WorkingHours hours;
    private final HandoffProperties settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration interval;
    private volatile @Nullable ScheduledExecutorService scheduler;

    SlaMonitor(TicketStore tickets, QueueFront front, WorkingHours hours, HandoffProperties settings, ApplicationEventPublisher events,
            Clock clock, @Value("${supportbot.handoff.sla-check-interval:30s}") Duration interval) {
        this.tickets = tickets;
        this.front = front;
        this.hours = hours;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.interval = interval;
    }

    /** When an operator should have written to the customer of a ticket opened now: the queue's target, counted from when operators are at work. */
    Instant firstResponseDue(String queue, Instant now) {
        var start = hours.nextOpening(now).map(t -> t.toInstant()).orElse(now);
        return start.plus(settings.slaOf(queue));
    }

    /** As {@link Handoff#escalateOverdue()}. */
    int escalateOverdue() {
        var now = clock.instant();
        int raised = 0;
        var queues = new TreeSet<String>();
        for (var ticket : tickets.overdueCandidates(now)) {
            var updated = tickets.markOverdue(ticket, now);
            if (updated.isPresent()) {
                raised++;
                queues.add(ticket.queue());
                log.warn("Ticket #{} in queue {} is past its first-response target", ticket.number(), ticket.queue());
                events.publishEvent(new TicketOverdue(updated.get()));
            }
        }
        queues.forEach(front::announce);
        return raised;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return; // off (tests drive the checks themselves)
        }
        var executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "sla-monitor");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    private void check() {
        try {
            escalateOverdue();
        } catch (RuntimeException e) {
            log.warn("SLA check failed, will try again: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        var executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
