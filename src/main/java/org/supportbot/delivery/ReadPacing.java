package org.supportbot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * When the delivery loop reads the outbox next: every poll interval; soon (but at most every
 * {@link #MIN_READ_GAP}) after replies were left there or stored pending; when a retry seen there
 * comes due. Used by the loop's thread, and told by workers that replies were left in the store.
 */
final class ReadPacing {

    /** Reads of the outbox come at most this often: a burst wakes the loop hundreds of times a second. */
    static final Duration MIN_READ_GAP = Duration.ofMillis(20);

    private final Clock clock;
    private final Duration pollInterval;
    private volatile boolean readSoon = true;
    private volatile long lastRead;
    /** The earliest time a reply seen waiting in the outbox may be sent, or null: read it again then. */
    private volatile @Nullable Instant nextRetry;
    private volatile long storedPendingSeen = -1;

    ReadPacing(Clock clock, Duration pollInterval) {
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    /** Starting: the first read is due at once. */
    void reset() {
        readSoon = true;
        lastRead = System.nanoTime() - pollInterval.toNanos();
    }

    /** Replies were left in the outbox (or the store failed): read it again soon. */
    void readSoon() {
        readSoon = true;
    }

    /**
     * Whether a read of the outbox is due now, given the {@link org.supportbot.store.Outbox#storedPending()}
     * count: it moved since the last read, so replies were stored there. Called by the loop's thread.
     */
    boolean due(long storedPending) {
        long sinceRead = System.nanoTime() - lastRead;
        var retry = nextRetry;
        boolean due = sinceRead >= pollInterval.toNanos()
                || (readSoon || storedPending != storedPendingSeen || retry != null && !clock.instant().isBefore(retry))
                        && sinceRead >= MIN_READ_GAP.toNanos();
        if (due) {
            storedPendingSeen = storedPending;
        }
        return due;
    }

    /** Whether no read is due before the poll interval: nothing asked for one, nothing new stored pending, no retry waiting. */
    boolean quiet(long storedPending) {
        return !readSoon && storedPending == storedPendingSeen && nextRetry == null;
    }

    /** A read of the outbox begins now. */
    void reading() {
        readSoon = false;
        lastRead = System.nanoTime();
    }

    /** The read found replies waiting for a retry, the earliest due then; null: none. */
    void nextRetry(@Nullable Instant earliest) {
        nextRetry = earliest;
    }

    /** How long the loop may wait for a wake-up before its next pass. */
    long waitMillis() {
        // Woken by new replies or by a worker that left replies in the store; otherwise the
        // next read of the outbox is due after the poll interval.
        long nextRead = lastRead + (readSoon ? MIN_READ_GAP : pollInterval).toNanos();
        long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextRead - System.nanoTime()));
        var retry = nextRetry;
        if (retry != null) {
            wait = Math.max(1, Math.min(wait, Duration.between(clock.instant(), retry).toMillis() + 1));
        }
        return wait;
    }
}
