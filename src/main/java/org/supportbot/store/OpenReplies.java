package org.supportbot.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The outbox's open replies (not sent, not given up) on a store one process alone uses, in the
 * order they were stored, and which of them a sender holds: what {@link Outbox} reads by key
 * instead of querying the whole outbox. Complete once {@link #markComplete()} follows a full read;
 * may list replies gone meanwhile, which the reader drops when it finds them missing.
 *
 * <p>Thread-safe.
 */
final class OpenReplies {

    /** Ids to read next, oldest first; {@code more} when the walk stopped at {@code max}, resuming after {@code last}. */
    record Batch(List<String> ids, @Nullable ObjectId last, boolean more) {
    }

    private record Hold(String owner, Instant until) {
    }

    private final ConcurrentSkipListMap<ObjectId, String> byOrder = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, ObjectId> orders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Hold> holds = new ConcurrentHashMap<>();
    private volatile boolean complete;

    boolean complete() {
        return complete;
    }

    void markComplete() {
        complete = true;
    }

    void add(String id, @Nullable ObjectId order) {
        if (order != null) {
            byOrder.put(order, id);
            orders.put(id, order);
        }
    }

    /** The reply is gone from the open ones: sent, or given up. */
    void remove(String id) {
        holds.remove(id);
        var order = orders.remove(id);
        if (order != null) {
            byOrder.remove(order, id);
        }
    }

    void hold(String id, String owner, Instant until) {
        holds.put(id, new Hold(owner, until));
    }

    void unhold(String id) {
        holds.remove(id);
    }

    /** Lets go of {@code owner}'s hold on the reply, not anyone else's. */
    void release(String id, String owner) {
        holds.computeIfPresent(id, (key, hold) -> hold.owner().equals(owner) ? null : hold);
    }

    void releaseAll() {
        holds.clear();
    }

    /**
     * Up to {@code max} ids stored after {@code after} (from the oldest when null), leaving out the
     * ones {@code heldBy} holds at {@code now} without counting them.
     */
    Batch next(@Nullable ObjectId after, int max, @Nullable String heldBy, Instant now) {
        var ids = new ArrayList<String>(Math.min(max, 64));
        var last = after;
        for (var entry : (after == null ? byOrder : byOrder.tailMap(after, false)).entrySet()) {
            last = entry.getKey();
            var hold = heldBy == null ? null : holds.get(entry.getValue());
            if (hold != null && hold.owner().equals(heldBy) && hold.until().isAfter(now)) {
                continue;
            }
            ids.add(entry.getValue());
            if (ids.size() == max) {
                return new Batch(ids, last, true);
            }
        }
        return new Batch(ids, last, false);
    }
}
