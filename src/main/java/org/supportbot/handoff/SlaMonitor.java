package org.supportbot.handoff;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Checks the first-response targets periodically ({@code supportbot.handoff.sla-check-interval}, 30 s). */
@Component
class SlaMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

    private final Handoff handoff;
    private final Duration interval;
    private volatile @Nullable ScheduledExecutorService scheduler;

    SlaMonitor(Handoff handoff, @Value("${supportbot.handoff.sla-check-interval:30s}") Duration interval) {
        this.handoff = handoff;
        this.interval = interval;
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
            handoff.escalateOverdue();
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
