package org.supportbot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.supportbot.conversation.MessageCodec;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.RepliesQueued;
import org.supportbot.store.Outbox;

/**
 * The delivery loop: sends what the outbox holds through the channel's {@link MessageSender},
 * one chat's replies in order, different chats in parallel; retries with back-off.
 *
 * <p>Replies come two ways. A reply this process stores is usually stored claimed for this loop
 * ({@link Outbox.DirectDelivery}) and handed over once committed, without a read of the
 * outbox. The outbox itself is read every poll interval, and soon after anything is left in it:
 * replies stored while the store held older ones for that chat (a retry waiting for its back-off,
 * a claim given back), retries that are due, replies of another instance that died. A chat with
 * replies waiting in the store takes the second way until none are left, so a new reply never
 * overtakes an older one.
 *
 * <p>A reply whose send was cut off (the process died after the platform may have taken it)
 * stays {@code sending} until its lease runs out and is then sent again: a lost response means
 * "maybe delivered", and we prefer a rare duplicate to a lost answer. Channels that can make a
 * send idempotent (VK's {@code random_id}) use the outbox id for it.
 */
@Component
public class Delivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final int BATCH = 500;
    /** Reads of the outbox come at most this often: a burst wakes the loop hundreds of times a second. */
    private static final Duration MIN_READ_GAP = Duration.ofMillis(20);

    private final Outbox outbox;
    private final Map<String, MessageSender> senders;
    private final Clock clock;
    private final Duration pollInterval;
    private final int threads;
    private final String owner = "delivery-" + UUID.randomUUID();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Object passLock = new Object();
    /**
     * Replies the platform accepted whose "sent" mark did not reach the store (it was down): they
     * are marked before anything else is sent, and never sent again by this process.
     */
    private final Set<String> sentNotMarked = ConcurrentHashMap.newKeySet();
    /**
     * Chats a worker is sending to, or will: a pass leaves them out, so a chat's replies stay in
     * order, while the others do not wait for its slowest send (or its 1 message/s) as they did
     * when each pass waited for all of its chats. Changed under {@code this}, with {@link #waiting}.
     */
    private final Set<String> busyChats = ConcurrentHashMap.newKeySet();
    /** Replies handed over directly for a busy chat: its worker sends them after the ones it has. */
    private final Map<String, List<Outbox.Entry>> waiting = new HashMap<>();
    /**
     * Chats with replies in the outbox this process does not hold, and the {@link #reads} count when
     * that was seen: their new replies are stored pending, behind those.
     */
    private final Map<String, Long> heldInStore = new ConcurrentHashMap<>();
    /** Counts reads of the outbox: a read forgets only chats held since before it began. */
    private volatile long reads;

    /** How many times the outbox was read for replies to send. */
    long reads() {
        return reads;
    }
    /** True until a read of the outbox saw all of it: until then nothing is handed over directly. */
    private volatile boolean backlogUnknown = true;
    private volatile boolean readSoon = true;
    private volatile long lastRead;
    /** The earliest time a reply seen waiting in the outbox may be sent, or null: read it again then. */
    private volatile java.time.@Nullable Instant nextRetry;
    private long storedPendingSeen = -1;
    private volatile boolean stopping;
    private volatile @Nullable ExecutorService workers;
    private volatile @Nullable Thread loop;

    Delivery(Outbox outbox, List<MessageSender> senders, Clock clock,
            @Value("${supportbot.delivery.poll-interval:250ms}") Duration pollInterval,
            @Value("${supportbot.delivery.threads:16}") int threads) {
        this.outbox = outbox;
        this.senders = senders.stream().collect(Collectors.toUnmodifiableMap(MessageSender::channel, Function.identity()));
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.threads = threads;
    }

    /** Whether replies on this channel go through the outbox. */
    public boolean handles(String channel) {
        return senders.containsKey(channel);
    }

    /** The conversation stored replies for a channel: deliver now rather than at the next poll. */
    @EventListener
    void on(RepliesQueued event) {
        wake();
    }

    /** New replies are in the outbox: deliver now rather than at the next poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @Override
    public void start() {
        if (senders.isEmpty()) {
            return;
        }
        stopping = false;
        backlogUnknown = true;
        readSoon = true;
        lastRead = System.nanoTime() - pollInterval.toNanos();
        var pool = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "delivery-worker");
            thread.setDaemon(true);
            return thread;
        });
        workers = pool;
        outbox.deliverDirectly(new Outbox.DirectDelivery(owner, LEASE,
                (channel, chat) -> !backlogUnknown && !stopping && handles(channel) && !heldInStore.containsKey(channel + ":" + chat)));
        var thread = new Thread(this::run, "delivery");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deliverOnce();
                // Woken by new replies or by a worker that left replies in the store; otherwise the
                // next read of the outbox is due after the poll interval.
                long nextRead = lastRead + (readSoon ? MIN_READ_GAP : pollInterval).toNanos();
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextRead - System.nanoTime()));
                var retry = nextRetry;
                if (retry != null) {
                    wait = Math.max(1, Math.min(wait, Duration.between(clock.instant(), retry).toMillis() + 1));
                }
                if (wakeUp.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The store may be down; the outbox keeps everything. Try again after a pause.
                log.warn("Delivery paused: {}", e.toString());
                readSoon = true;
                try {
                    Thread.sleep(pollInterval.toMillis() * 4);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * One pass. Started ({@link #start}), it hands each chat's replies to a worker — the ones handed
     * over directly, and when a read of the outbox is due, the due ones found there — and returns
     * how many chats it handed over, without waiting for the sends; not started, it reads the
     * outbox, sends the due replies itself and returns how many were sent.
     */
    public int deliverOnce() throws InterruptedException {
        synchronized (passLock) { // the loop's, or a test's
            return pass();
        }
    }

    private int pass() throws InterruptedException {
        markRemembered(); // while the store is still down this throws, and the loop pauses
        var pool = workers;
        if (pool == null) {
            return readOutbox(null);
        }
        int handed = handOver(outbox.takeClaimed(), pool);
        long storedPending = outbox.storedPending();
        long sinceRead = System.nanoTime() - lastRead;
        var retry = nextRetry;
        boolean due = sinceRead >= pollInterval.toNanos()
                || (readSoon || storedPending != storedPendingSeen || retry != null && !clock.instant().isBefore(retry))
                        && sinceRead >= MIN_READ_GAP.toNanos();
        if (due) {
            storedPendingSeen = storedPending;
            handed += readOutbox(pool);
        }
        return handed;
    }

    /** Replies stored claimed for this loop: to a worker, after the ones of their chat it has. */
    private int handOver(List<Outbox.Entry> claimed, ExecutorService pool) {
        if (claimed.isEmpty()) {
            return 0;
        }
        var byChat = new LinkedHashMap<String, List<Outbox.Entry>>();
        for (var entry : claimed) {
            byChat.computeIfAbsent(entry.channel() + ":" + entry.chat(), k -> new ArrayList<>()).add(entry);
        }
        var giveBack = new ArrayList<Outbox.Entry>();
        var tasks = new ArrayList<ChatDelivery>();
        synchronized (this) {
            for (var chat : byChat.entrySet()) {
                if (stopping || heldInStore.containsKey(chat.getKey())) {
                    giveBack.addAll(chat.getValue()); // older replies wait in the store: these go after them
                } else if (busyChats.contains(chat.getKey())) {
                    waiting.computeIfAbsent(chat.getKey(), k -> new ArrayList<>()).addAll(chat.getValue());
                } else {
                    busyChats.add(chat.getKey());
                    tasks.add(new ChatDelivery(chat.getKey(), chat.getValue(), chat.getValue().get(0).createdAt()));
                }
            }
        }
        if (!giveBack.isEmpty()) {
            giveBack(giveBack);
            readSoon = true;
        }
        tasks.forEach(task -> execute(task, pool));
        return tasks.size();
    }

    /**
     * Reads the outbox: claims the due replies of chats no worker has, and remembers which chats
     * have replies left there. With {@code pool}, hands each chat's to a worker and returns how
     * many chats; without, sends them and returns how many replies were sent.
     */
    private int readOutbox(@Nullable ExecutorService pool) throws InterruptedException {
        long read = ++reads;
        readSoon = false;
        lastRead = System.nanoTime();
        // Not the ones handed to this loop directly: a worker has them; counted, a busy moment's
        // few hundred in flight filled the batch and turned direct delivery off (backlogUnknown).
        var undelivered = outbox.undeliveredExceptHeldBy(owner, BATCH);
        var byChat = new LinkedHashMap<String, List<Outbox.Entry>>();
        var seen = new HashSet<String>();
        java.time.Instant earliestRetry = null;
        for (var entry : undelivered) {
            if (owner.equals(entry.claimedBy()) && !entry.due()) {
                continue; // handed over directly: a worker has it, or will
            }
            if (!entry.due() && entry.claimedBy() == null && (earliestRetry == null || entry.nextAttemptAt().isBefore(earliestRetry))) {
                earliestRetry = entry.nextAttemptAt();
            }
            var chat = entry.channel() + ":" + entry.chat();
            seen.add(chat);
            if (!busyChats.contains(chat)) { // its earlier replies are still being sent: after them
                byChat.computeIfAbsent(chat, k -> new ArrayList<>()).add(entry);
            }
        }
        if (pool != null) {
            seen.forEach(chat -> heldInStore.merge(chat, read, Math::max));
            if (undelivered.size() < BATCH) { // all of it seen: chats with nothing left there are free again
                heldInStore.entrySet().removeIf(held -> held.getValue() < read && !seen.contains(held.getKey()));
            }
            backlogUnknown = undelivered.size() >= BATCH;
            nextRetry = earliestRetry;
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
            return 0;
        }
        outbox.flushBeforeSending();
        // One claim for the whole pass, two commands whatever its size: claiming reply by reply cost
        // a round trip (on the embedded store, before queries by key, a scan) per reply.
        var claimedAt = clock.instant();
        var claimed = outbox.claimAll(dueIds, owner, LEASE);
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
                var first = due.get(0);
                tasks.add(new ChatDelivery(first.channel() + ":" + first.chat(), List.copyOf(due.subList(0, taken)), claimedAt));
            }
        }
        outbox.release(notMine, owner);
        if (pool == null) {
            int sent = 0;
            for (var task : tasks) {
                try {
                    sent += deliver(task.replies(), task.claimedAt()).sent();
                } catch (RuntimeException e) {
                    log.warn("Delivery failed", e);
                }
            }
            return sent;
        }
        synchronized (this) {
            tasks.forEach(task -> busyChats.add(task.chat()));
        }
        tasks.forEach(task -> execute(task, pool));
        return tasks.size();
    }

    /**
     * Sends a chat's replies on a worker, then the ones handed over for it meanwhile; the chat
     * stays busy until none are left.
     */
    private void execute(ChatDelivery task, ExecutorService pool) {
        try {
            pool.execute(() -> {
                var next = task;
                while (next != null) {
                    boolean complete = false;
                    try {
                        complete = deliver(next.replies(), next.claimedAt()).complete();
                    } catch (RuntimeException e) {
                        log.warn("Delivery failed", e);
                    }
                    next = afterChat(next.chat(), complete);
                }
            });
        } catch (RejectedExecutionException e) { // stopping: the claims run out, or go at the next start
            afterChat(task.chat(), false);
            giveBack(task.replies());
        }
    }

    /**
     * A worker is done with a chat's replies: its next ones, or null when the chat is free. When
     * replies went back to the store ({@code complete} false), the chat's new ones go after them.
     */
    private @Nullable ChatDelivery afterChat(String chat, boolean complete) {
        List<Outbox.Entry> more;
        synchronized (this) {
            more = waiting.remove(chat);
            if (complete && !stopping && more != null && !heldInStore.containsKey(chat)) {
                return new ChatDelivery(chat, more, more.get(0).createdAt());
            }
            if (!complete) {
                heldInStore.put(chat, reads + 1); // not forgotten by a read that began before
            }
            busyChats.remove(chat);
        }
        if (more != null) {
            giveBack(more);
        }
        if (!complete || more != null || heldInStore.containsKey(chat)) {
            readSoon = true; // replies of this chat are in the outbox, and no worker has them now
        }
        wake();
        return null;
    }

    /**
     * One chat's replies, to be sent in order by one worker.
     *
     * @param claimedAt when the claims on them began: none is sent once half of the lease is gone
     */
    private record ChatDelivery(String chat, List<Outbox.Entry> replies, java.time.Instant claimedAt) {
    }

    /** What a worker did with a chat's replies: how many it sent, and whether it is done with all of them. */
    private record Outcome(int sent, boolean complete) {
    }

    private void markRemembered() {
        for (var id : List.copyOf(sentNotMarked)) {
            outbox.markSent(id);
            sentNotMarked.remove(id);
            log.info("Reply {} marked sent now that the store answers again", id);
        }
    }

    /**
     * Sends one chat's claimed replies in order; gives back the claims of those it stops before.
     * Stops when half the lease is gone: a reply is never sent on a claim about to run out (another
     * instance could take it then and send it too).
     */
    private Outcome deliver(List<Outbox.Entry> entries, java.time.Instant claimedAt) {
        var sendUntil = claimedAt.plus(LEASE.dividedBy(2));
        int sent = 0;
        int next = 0;
        try {
            while (next < entries.size()) {
                if (stopping || clock.instant().isAfter(sendUntil)) {
                    return new Outcome(sent, false); // the next read of the outbox claims the rest afresh
                }
                var entry = entries.get(next++);
                if (sentNotMarked.contains(entry.id())) {
                    next--; // not ours to send again: marked at the start of the next pass
                    return new Outcome(sent, false);
                }
                var sender = senders.get(entry.channel());
                if (sender == null) {
                    outbox.markFailed(entry.id(), "no sender for channel '" + entry.channel() + "'");
                    continue;
                }
                try {
                    sender.send(entry.id(), MessageCodec.outbound(entry.body()));
                } catch (DeliveryException e) {
                    if (e.kind() == DeliveryException.Kind.RETRY) {
                        retry(entry, e.getMessage(), e.retryAfter());
                        return new Outcome(sent, false);
                    }
                    log.warn("Reply {} to {}:{} not delivered ({}): {}", entry.id(), entry.channel(), entry.chat(), e.kind(), e.getMessage());
                    outbox.markFailed(entry.id(), e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    log.warn("Sending reply {} failed unexpectedly; will retry", entry.id(), e);
                    retry(entry, e.toString(), null);
                    return new Outcome(sent, false);
                }
                sent++;
                try {
                    outbox.markSent(entry.id());
                } catch (RuntimeException e) {
                    // The platform has the reply; only its mark is missing (the store is down). Sending it
                    // again would show it twice: remember it and mark it when the store is back.
                    sentNotMarked.add(entry.id());
                    log.warn("Reply {} was sent but could not be marked sent; marking it once the store answers: {}", entry.id(), e.toString());
                    return new Outcome(sent, false);
                }
            }
            return new Outcome(sent, true);
        } finally {
            giveBack(entries.subList(next, entries.size()));
        }
    }

    /** Claims not used: due again at once rather than when the lease runs out. */
    private void giveBack(List<Outbox.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            outbox.release(entries.stream().map(Outbox.Entry::id).toList(), owner);
        } catch (RuntimeException e) {
            log.debug("Claims not given back (their lease runs out instead): {}", e.toString());
        }
    }

    private void retry(Outbox.Entry entry, @Nullable String error, @Nullable Duration retryAfter) {
        var now = clock.instant();
        int attempts = entry.attempts() + 1;
        if (entry.createdAt().plus(GIVE_UP_AFTER).isBefore(now)) {
            outbox.markFailed(entry.id(), "gave up after " + attempts + " attempts: " + error);
            return;
        }
        if (retryAfter != null) { // the platform said when: not a failure, no longer back-off later
            outbox.retryAt(entry.id(), now.plus(retryAfter), error, false);
            return;
        }
        // The back-off counts failures only: after a storm of 429s a first 5xx waited the cap (5 min).
        outbox.retryAt(entry.id(), now.plus(backoff(entry.failures() + 1)), error, true);
    }

    /** 1 s, 2 s, 4 s … capped at five minutes. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        var delay = Duration.ofSeconds(seconds);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    @Override
    public void stop() {
        stopping = true; // queued chats give their claims back instead of sending
        outbox.deliverDirectly(null);
        var handedOver = new ArrayList<>(outbox.takeClaimed());
        synchronized (this) {
            waiting.values().forEach(handedOver::addAll);
            waiting.clear();
        }
        giveBack(handedOver);
        var thread = loop;
        if (thread != null) {
            thread.interrupt();
        }
        var pool = workers;
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop = null;
        workers = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
