package org.supportbot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.MessageSender;
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
 *
 * <p>The parts: {@link Senders} (a sender per channel), {@link ChatLanes} (which chat goes where),
 * {@link ReadPacing} (when to read the outbox), {@link OutboxPass} (a read of it),
 * {@link WorkerPool} and {@link ChatWorker} (the sends), {@link Backoff} (retries).
 */
@Component
public class Delivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final Outbox outbox;
    private final Senders senders;
    private final int threads;
    private final Claims claims;
    private final SentNotMarked sentNotMarked;
    private final ReadPacing pacing;
    private final ChatLanes lanes;
    private final ChatWorker worker;
    private final OutboxPass outboxPass;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Object passLock = new Object();
    private volatile @Nullable WorkerPool workers;
    private volatile @Nullable Thread loop;

    Delivery(Outbox outbox, List<MessageSender> senders, Clock clock,
            @Value("${supportbot.delivery.poll-interval:250ms}") Duration pollInterval,
            @Value("${supportbot.delivery.threads:16}") int threads) {
        this.outbox = outbox;
        this.senders = new Senders(senders);
        this.threads = threads;
        this.claims = new Claims(outbox);
        this.sentNotMarked = new SentNotMarked(outbox);
        this.pacing = new ReadPacing(clock, pollInterval);
        this.lanes = new ChatLanes(claims, pacing::readSoon);
        this.worker = new ChatWorker(outbox, this.senders, claims, sentNotMarked, clock, lanes::closed);
        this.outboxPass = new OutboxPass(outbox, claims, lanes, pacing, clock);
    }

    /** How many times the outbox was read for replies to send. */
    long reads() {
        return lanes.reads();
    }

    /**
     * Whether the loop will not read the outbox again before its poll interval unless something
     * changes: for tests that must know the reads have stopped, without waiting for a quiet spell.
     */
    boolean idle() {
        return lanes.settled() && pacing.quiet(outbox.storedPending());
    }

    /** Whether replies on this channel go through the outbox. */
    public boolean handles(String channel) {
        return senders.handles(channel);
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
        lanes.open();
        pacing.reset();
        workers = new WorkerPool(threads, worker, lanes, claims, this::wake);
        outbox.deliverDirectly(new Outbox.DirectDelivery(claims.owner(), Claims.LEASE,
                (channel, chat) -> handles(channel) && lanes.acceptsDirectly(channel + ":" + chat)));
        var thread = new Thread(this::run, "delivery");
        thread.setDaemon(true);
        loop = thread;
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                deliverOnce();
                if (wakeUp.tryAcquire(pacing.waitMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The store may be down; the outbox keeps everything. Try again after a pause.
                log.warn("Delivery paused: {}", e.toString());
                pacing.readSoon();
                try {
                    Thread.sleep(pacing.pollInterval().toMillis() * 4);
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

    private int pass() {
        sentNotMarked.markNow(); // while the store is still down this throws, and the loop pauses
        var pool = workers;
        if (pool == null) {
            return sendNow(outboxPass.claimDue(false));
        }
        var handedOver = lanes.handOver(outbox.takeClaimed());
        handedOver.forEach(pool::execute);
        int handed = handedOver.size();
        if (pacing.due(outbox.storedPending())) {
            var claimed = outboxPass.claimDue(true);
            lanes.markBusy(claimed);
            claimed.forEach(pool::execute);
            handed += claimed.size();
        }
        return handed;
    }

    /** Not started: sends the claimed replies on this thread; how many were sent. */
    private int sendNow(List<ChatDelivery> tasks) {
        int sent = 0;
        for (var task : tasks) {
            try {
                sent += worker.deliver(task).sent();
            } catch (RuntimeException e) {
                log.warn("Delivery failed", e);
            }
        }
        return sent;
    }

    @Override
    public void stop() {
        lanes.close(); // queued chats give their claims back instead of sending
        outbox.deliverDirectly(null);
        var handedOver = new ArrayList<>(outbox.takeClaimed());
        handedOver.addAll(lanes.drainWaiting());
        claims.giveBack(handedOver);
        var thread = loop;
        if (thread != null) {
            thread.interrupt();
        }
        var pool = workers;
        if (pool != null) {
            pool.shutdown();
        }
        loop = null;
        workers = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
