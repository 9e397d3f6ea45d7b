package org.supportbot.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Forgets what is only kept to recognise redeliveries: processed inbox entries and sent-reply
 * markers older than the retention (7 days by default, far beyond any platform's redelivery).
 * The embedded store has no TTL indexes, so this runs as a job, hourly; it then runs every
 * {@link Expiry} (the retention periods of transcripts, tickets, feedback and suggestions).
 */
@Component
class Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration retention;
    private final List<Expiry> expiries;
    private volatile @Nullable ScheduledExecutorService scheduler;

    Housekeeping(Inbox inbox, Outbox outbox, Clock clock, Duration retention) {
        this(inbox, outbox, clock, retention, List.of());
    }

    /** @param expiries other modules' data with retention periods (the privacy module's) */
    @Autowired
    Housekeeping(Inbox inbox, Outbox outbox, Clock clock, @Value("${supportbot.store.retention:7d}") Duration retention,
            ObjectProvider<Expiry> expiries) {
        this(inbox, outbox, clock, retention, expiries.orderedStream().toList());
    }

    Housekeeping(Inbox inbox, Outbox outbox, Clock clock, Duration retention, List<Expiry> expiries) {
        this.expiries = List.copyOf(expiries);
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
        this.retention = retention;
    }

    /** Removes what is older than the retention; returns how many entries went. */
    long run() {
        var before = clock.instant().minus(retention);
        long removed = inbox.purgeProcessed(before) + outbox.purgeSent(before);
        if (removed > 0) {
            log.info("Housekeeping removed {} inbox and outbox entries older than {}", removed, retention);
        }
        for (var expiry : expiries) {
            removed += expiry.expire(clock.instant());
        }
        return removed;
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.warn("Housekeeping failed; it runs again in an hour: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
        scheduler = executor;
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
