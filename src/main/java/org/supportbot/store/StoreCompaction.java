package org.supportbot.store;

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
 * Keeps the embedded store's file proportional to its live data while the bot runs: MVStore only
 * appends, so removed and rewritten documents leave dead chunks behind. Every interval (10 minutes
 * by default), when less than {@code min-fill} per cent of the file is live (50), live chunks are
 * moved over dead ones and the file is shortened. Closing the store rewrites the file whole. Does
 * nothing on MongoDB.
 */
@Component
class StoreCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);

    private final MongoStore store;
    private final Duration interval;
    private final int minFill;
    private volatile @Nullable ScheduledExecutorService scheduler;

    StoreCompaction(MongoStore store, @Value("${supportbot.store.compact-interval:10m}") Duration interval,
            @Value("${supportbot.store.compact-min-fill:50}") int minFill) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("supportbot.store.compact-interval must be positive, got " + interval);
        }
        if (minFill < 0 || minFill > 100) {
            throw new IllegalArgumentException("supportbot.store.compact-min-fill must be 0-100, got " + minFill);
        }
        this.store = store;
        this.interval = interval;
        this.minFill = minFill;
    }

    /** Compacts when the file is sparse; returns whether it did. */
    boolean run() {
        var use = store.fileUse();
        if (use == null || use.fillPercent() >= minFill) {
            return false;
        }
        long started = System.nanoTime();
        store.compact();
        var after = store.fileUse();
        log.info("Compacted the embedded store: {} KiB ({}% live) -> {} KiB in {} ms", use.bytes() >> 10, use.fillPercent(),
                after == null ? 0 : after.bytes() >> 10, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    @Override
    public void start() {
        if (!store.embedded()) {
            return;
        }
        var executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "store-compaction");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.warn("Compaction of the embedded store failed; it is tried again later: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        var executor = scheduler;
        if (executor != null) {
            executor.shutdown(); // not shutdownNow: an interrupt closes MVStore's file channel under it
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
