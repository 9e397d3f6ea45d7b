package org.supportbot.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The outbox's side of {@link Outbox.DirectDelivery}: who takes replies as they are stored, the
 * replies stored claimed for it, and the counts of stores and commits that say when it may have
 * them (once committed: a reply is never sent before it is durable). Thread-safe.
 */
final class DirectHandOver {

    /** Replies stored claimed for the {@link Outbox.DirectDelivery}, with the {@link #written} count that covers them. */
    private record Claimed(long written, List<Outbox.Entry> entries) {
    }

    private final Store store;
    /** Counts stores into the outbox; {@link #committed}: how many of those a commit covered. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private volatile Outbox.@Nullable DirectDelivery direct;
    private final Queue<Claimed> claimedForDirect = new ConcurrentLinkedQueue<>();
    /** Counts stores of pending replies: the delivery loop looks into the outbox when it moves. */
    private final AtomicLong storedPending = new AtomicLong();

    DirectHandOver(Store store) {
        this.store = store;
    }

    Outbox.@Nullable DirectDelivery direct() {
        return direct;
    }

    void deliverDirectly(Outbox.@Nullable DirectDelivery direct) {
        this.direct = direct;
    }

    /** A store into the outbox: these replies claimed for the direct delivery, and whether any went in pending. */
    void stored(List<Outbox.Entry> claimed, boolean anyPending) {
        long seen = written.incrementAndGet();
        if (anyPending) {
            storedPending.incrementAndGet();
        }
        if (!claimed.isEmpty()) {
            claimedForDirect.add(new Claimed(seen, claimed));
        }
    }

    long storedPending() {
        return storedPending.get();
    }

    /** See {@link Outbox#takeClaimed()}. */
    synchronized List<Outbox.Entry> takeClaimed() {
        if (claimedForDirect.isEmpty()) {
            return List.of();
        }
        flushBeforeSending(); // a reply stored outside a turn (an operator's, a notice) has no commit of its own
        long durable = committed.get();
        var entries = new ArrayList<Outbox.Entry>();
        for (var iterator = claimedForDirect.iterator(); iterator.hasNext(); ) {
            var batch = iterator.next();
            if (batch.written() <= durable) {
                iterator.remove();
                entries.addAll(batch.entries());
            }
        }
        return entries;
    }

    /** See {@link Outbox#commit()}. */
    void commit() {
        long seen = written.get();
        store.flush();
        committed.accumulateAndGet(seen, Math::max);
    }

    /** See {@link Outbox#flushBeforeSending()}. */
    void flushBeforeSending() {
        if (committed.get() < written.get()) {
            commit();
        }
    }
}
