package org.supportbot.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: each sends one chat's replies, then the ones handed over for that chat
 * meanwhile; the chat stays busy until none are left. Different chats go in parallel.
 */
final class WorkerPool {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final ExecutorService pool;
    private final ChatWorker worker;
    private final ChatLanes lanes;
    private final Claims claims;
    /** A chat is free again: the loop may have replies for it. */
    private final Runnable chatFreed;

    WorkerPool(int threads, ChatWorker worker, ChatLanes lanes, Claims claims, Runnable chatFreed) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "delivery-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.worker = worker;
        this.lanes = lanes;
        this.claims = claims;
        this.chatFreed = chatFreed;
    }

    /** Sends a chat's replies on a worker, then the ones handed over for it meanwhile. */
    void execute(ChatDelivery task) {
        try {
            pool.execute(() -> {
                var next = task;
                while (next != null) {
                    boolean complete = false;
                    try {
                        complete = worker.deliver(next).complete();
                    } catch (RuntimeException e) {
                        log.warn("Delivery failed", e);
                    }
                    next = lanes.afterChat(next.chat(), complete);
                }
                chatFreed.run();
            });
        } catch (RejectedExecutionException e) { // stopping: the claims run out, or go at the next start
            lanes.afterChat(task.chat(), false);
            chatFreed.run();
            claims.giveBack(task.replies());
        }
    }

    /** Lets the sends under way end, for at most five seconds; queued chats give their claims back. */
    void shutdown() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
