package org.supportbot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.supportbot.store.Outbox;

/**
 * The delivery loop: sends what the outbox holds through the channel's {@link MessageSender},
 * one chat's replies in order, different chats in parallel; retries with back-off.
 *
 * <p>A reply whose send was cut off (the process died after the platform may have taken it)
 * stays {@code sending} until its lease runs out and is then sent again: a lost response means
 * "maybe delivered", and we prefer a rare duplicate to a lost answer. Channels that can make a
 * send idempotent (VK's {@code random_id}) use the outbox id for it.
 */
@Component
class Delivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final int BATCH = 500;
    private static final Duration MIN_PASS_GAP = Duration.ofMillis(20);

    private final Outbox outbox;
    private final Map<String, MessageSender> senders;
    private final Clock clock;
    private final Duration pollInterval;
    private final int threads;
    private final String owner = "delivery-" + UUID.randomUUID();
    private final Semaphore wakeUp = new Semaphore(0);
    /**
     * Replies the platform accepted whose "sent" mark did not reach the store (it was down): they
     * are marked before anything else is sent, and never sent again by this process.
     */
    private final Set<String> sentNotMarked = ConcurrentHashMap.newKeySet();
    /**
     * Chats a worker is sending to, or will: a pass leaves them out, so a chat's replies stay in
     * order, while the others do not wait for its slowest send (or its 1 message/s) as they did
     * when each pass waited for all of its chats.
     */
    private final Set<String> busyChats = ConcurrentHashMap.newKeySet();
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
    boolean handles(String channel) {
        return senders.containsKey(channel);
    }

    /** New replies are in the outbox: deliver now rather than at the next poll. */
    void wake() {
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
        var pool = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "delivery-worker");
            thread.setDaemon(true);
            return thread;
        });
        workers = pool;
        var thread = new Thread(this::run, "delivery");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long passStarted = System.nanoTime();
                deliverOnce();
                // Woken by new replies or by a worker that finished a chat. Passes at most every
                // MIN_PASS_GAP: each one reads the outbox, and a burst wakes this hundreds of times a second.
                if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
                long sinceStart = System.nanoTime() - passStarted;
                if (sinceStart < MIN_PASS_GAP.toNanos()) {
                    TimeUnit.NANOSECONDS.sleep(MIN_PASS_GAP.toNanos() - sinceStart);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The store may be down; the outbox keeps everything. Try again after a pause.
                log.warn("Delivery paused: {}", e.toString());
                try {
                    Thread.sleep(pollInterval.toMillis() * 4);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * One pass over the outbox. Started ({@link #start}), it hands each chat's due replies to a
     * worker and returns how many chats it handed over, without waiting for the sends; not
     * started, it sends them itself and returns how many replies were sent.
     */
    int deliverOnce() throws InterruptedException {
        markRemembered(); // while the store is still down this throws, and the loop pauses
        var byChat = new LinkedHashMap<String, List<Outbox.Entry>>();
        for (var entry : outbox.undelivered(BATCH)) {
            var chat = entry.channel() + ":" + entry.chat();
            if (!busyChats.contains(chat)) { // its earlier replies are still being sent: after them
                byChat.computeIfAbsent(chat, k -> new ArrayList<>()).add(entry);
            }
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
        // One claim for the whole pass: on the embedded store every conditional update scans the
        // outbox, so claiming reply by reply cost a scan per reply once a backlog built up.
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
                tasks.add(new ChatDelivery(first.channel() + ":" + first.chat(), List.copyOf(due.subList(0, taken))));
            }
        }
        outbox.release(notMine, owner);
        var pool = workers;
        if (pool == null) {
            int sent = 0;
            for (var task : tasks) {
                try {
                    sent += deliver(task.replies(), claimedAt);
                } catch (RuntimeException e) {
                    log.warn("Delivery failed", e);
                }
            }
            return sent;
        }
        for (var task : tasks) {
            busyChats.add(task.chat());
            try {
                pool.execute(() -> {
                    try {
                        deliver(task.replies(), claimedAt);
                    } catch (RuntimeException e) {
                        log.warn("Delivery failed", e);
                    } finally {
                        busyChats.remove(task.chat());
                        wake();
                    }
                });
            } catch (RejectedExecutionException e) { // stopping: the claims run out, or go at the next start
                busyChats.remove(task.chat());
                giveBack(task.replies());
            }
        }
        return tasks.size();
    }

    /** One chat's claimed replies, to be sent in order by one worker. */
    private record ChatDelivery(String chat, List<Outbox.Entry> replies) {
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
    private int deliver(List<Outbox.Entry> entries, java.time.Instant claimedAt) {
        var sendUntil = claimedAt.plus(LEASE.dividedBy(2));
        int sent = 0;
        int next = 0;
        try {
            while (next < entries.size()) {
                if (stopping || clock.instant().isAfter(sendUntil)) {
                    return sent; // the next pass claims the rest afresh
                }
                var entry = entries.get(next++);
                if (sentNotMarked.contains(entry.id())) {
                    next--; // not ours to send again: marked at the start of the next pass
                    return sent;
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
                        return sent;
                    }
                    log.warn("Reply {} to {}:{} not delivered ({}): {}", entry.id(), entry.channel(), entry.chat(), e.kind(), e.getMessage());
                    outbox.markFailed(entry.id(), e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    log.warn("Sending reply {} failed unexpectedly; will retry", entry.id(), e);
                    retry(entry, e.toString(), null);
                    return sent;
                }
                sent++;
                try {
                    outbox.markSent(entry.id());
                } catch (RuntimeException e) {
                    // The platform has the reply; only its mark is missing (the store is down). Sending it
                    // again would show it twice: remember it and mark it when the store is back.
                    sentNotMarked.add(entry.id());
                    log.warn("Reply {} was sent but could not be marked sent; marking it once the store answers: {}", entry.id(), e.toString());
                    return sent;
                }
            }
            return sent;
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
