package org.supportbot.conversation;

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

/**
 * Answers updates that were stored but whose turn was never taken because the process holding
 * them died — on a shared store, another instance that crashed while this one runs. Start-up
 * recovery only sees what was stranded before this process started; this looks again every
 * {@code supportbot.conversation.recovery-interval} (30 s, the length of a claim).
 */
@Component
class StrandedUpdates implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StrandedUpdates.class);

    private final TurnIntake intake;
    private final Duration interval;
    private volatile @Nullable ScheduledExecutorService scheduler;

    StrandedUpdates(TurnIntake intake, @Value("${supportbot.conversation.recovery-interval:30s}") Duration interval) {
        this.intake = intake;
        this.interval = interval;
    }

    @Override
    public void start() {
        var executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "stranded-updates");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    private void run() {
        try {
            int taken = intake.takeStrandedTurns();
            if (taken > 0) {
                log.info("Took up {} updates left unanswered by a process that stopped", taken);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for unanswered updates failed; trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public void stop() {
        var executor = scheduler;
        if (executor != null) {
            executor.shutdown(); // not interrupted: a turn it is taking finishes and is stored
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
