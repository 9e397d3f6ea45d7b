package org.supportbot.store;

/**
 * Makes writes durable in groups: a caller waits for one commit that started after its writes,
 * and one commit serves every caller that arrived while the previous one ran. With many threads
 * writing, the cost of a commit is shared instead of paid by each.
 */
final class GroupCommit {

    private final Runnable commit;
    private final long gatherNanos;
    private final Object monitor = new Object();
    private long started;
    private long finished;
    private boolean running;

    /**
     * @param gather how long a commit waits for more writers to join it: a commit rewrites whole
     *        pages, so fewer, larger commits cost less per write (at this much latency)
     */
    GroupCommit(Runnable commit, java.time.Duration gather) {
        this.commit = commit;
        this.gatherNanos = gather.toNanos();
    }

    /** Returns once a commit that began after this call has finished. */
    void await() {
        long target;
        synchronized (monitor) {
            target = started + 1; // a commit already running may have begun before our writes
        }
        while (true) {
            long generation;
            synchronized (monitor) {
                while (running && finished < target) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the store to commit", e);
                    }
                }
                if (finished >= target) {
                    return;
                }
                running = true;
                generation = ++started;
            }
            try {
                if (gatherNanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(gatherNanos);
                }
                commit.run();
            } finally {
                synchronized (monitor) {
                    finished = generation;
                    running = false;
                    monitor.notifyAll();
                }
            }
        }
    }
}
