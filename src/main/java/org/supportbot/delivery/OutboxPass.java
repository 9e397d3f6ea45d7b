package org.supportbot.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.supportbot.store.Outbox;

/**
 * A read of the outbox: finds each chat's leading due replies (leaving out chats a worker has),
 * claims them in one go, and notes which chats have replies left there.
 */
final class OutboxPass {

    private static final int BATCH = 500;

    private final Outbox outbox;
    private final Claims claims;
    private final ChatLanes lanes;
    private final ReadPacing pacing;
    private final Clock clock;

    OutboxPass(Outbox outbox, Claims claims, ChatLanes lanes, ReadPacing pacing, Clock clock) {
        this.outbox = outbox;
        this.claims = claims;
        this.lanes = lanes;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * Reads the outbox and claims the due replies of chats no worker has, each chat's in order.
     *
     * @param trackHeld whether the loop runs: then it remembers which chats have replies left in
     *        the store (their new replies go there, behind them) and when the earliest retry is due
     * @return the claimed replies, a task per chat
     */
    List<ChatDelivery> claimDue(boolean trackHeld) {
        long read = lanes.beginRead();
        pacing.reading();
        var owner = claims.owner();
        // Not the ones handed to this loop directly: a worker has them; counted, a busy moment's
        // few hundred in flight filled the batch and turned direct delivery off (backlogUnknown).
        var undelivered = outbox.undeliveredExceptHeldBy(owner, BATCH);
        var byChat = new LinkedHashMap<String, List<Outbox.Entry>>();
        var seen = new HashSet<String>();
        @Nullable Instant earliestRetry = null;
        for (var entry : undelivered) {
            if (owner.equals(entry.claimedBy()) && !entry.due()) {
                continue; // handed over directly: a worker has it, or will
            }
            if (!entry.due() && entry.claimedBy() == null && (earliestRetry == null || entry.nextAttemptAt().isBefore(earliestRetry))) {
                earliestRetry = entry.nextAttemptAt();
            }
            var chat = ChatDelivery.chatOf(entry);
            seen.add(chat);
            if (!lanes.busy(chat)) { // its earlier replies are still being sent: after them
                byChat.computeIfAbsent(chat, k -> new ArrayList<>()).add(entry);
            }
        }
        if (trackHeld) {
            lanes.seenInStore(seen, read, undelivered.size() < BATCH);
            pacing.nextRetry(earliestRetry);
        }
        var dueByChat = new ArrayList<List<Outbox.Entry>>();
        var dueIds = new ArrayList<String>();
        for (var entries : byChat.values()) {
            // Only the leading due replies of a chat: a later one must not overtake one that waits.
            var due = new ArrayList<Outbox.Entry>();
            for (var entry : entries) {
                if (!entry.due()) {
                    break;
                }
                due.add(entry);
                dueIds.add(entry.id());
            }
            if (!due.isEmpty()) {
                dueByChat.add(due);
            }
        }
        if (dueByChat.isEmpty()) {
            return List.of();
        }
        outbox.flushBeforeSending();
        // One claim for the whole pass, two commands whatever its size: claiming reply by reply cost
        // a round trip (on the embedded store, before queries by key, a scan) per reply.
        var claimedAt = clock.instant();
        var claimed = outbox.claimAll(dueIds, owner, Claims.LEASE);
        var tasks = new ArrayList<ChatDelivery>();
        var notMine = new ArrayList<String>();
        for (var due : dueByChat) {
            int taken = 0;
            while (taken < due.size() && claimed.contains(due.get(taken).id())) {
                taken++; // up to the first one someone else holds, or that is not due any more
            }
            for (var entry : due.subList(taken, due.size())) {
                if (claimed.contains(entry.id())) {
                    notMine.add(entry.id());
                }
            }
            if (taken > 0) {
                tasks.add(new ChatDelivery(ChatDelivery.chatOf(due.get(0)), List.copyOf(due.subList(0, taken)), claimedAt));
            }
        }
        outbox.release(notMine, owner);
        return tasks;
    }
}
