package org.supportbot.store;

/**
 * Makes writes durable in groups: a caller waits for one commit that started after its writes,
 * and one commit serves every caller that arrived while the previous one ran. With many threads
 * writing, the cost of a commit is shared instead of paid by each.
 */
final class GroupCommit {

    private final Runnable commit;
    private final Object monitor = new Object();
    private long started;
    private long finished;
    private boolean running;

    GroupCommit(Runnable commit) {
        this.commit = commit;
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
