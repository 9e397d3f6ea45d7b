package org.supportbot.store;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Makes writes durable in groups: a caller waits for one commit that started after its writes,
 * and one commit serves every caller that arrived while the previous one ran. With many threads
 * writing, the cost of a commit is shared instead of paid by each.
 *
 * <p>Commits run on a thread of their own, never on a caller's. MVStore, interrupted while it
 * waits for its writer thread, returns from a commit before the writes are in the file (and
 * forgets the interrupt): run on an interrupted caller (a request timing out, an executor shutting
 * down), that commit would end the wait of every caller sharing it with nothing made durable.
 * Where MVStore writes on the committing thread itself, an interrupt closes its file instead. An
 * interrupted caller stops waiting; the commit it asked for still runs to its end.
 */
final class GroupCommit implements AutoCloseable {

    private final Runnable commit;
    private final long gatherNanos;
    private final Thread committer;
    private final Object monitor = new Object();
    /** The highest generation a caller waits for. */
    private long requested;
    /** The generation of the last commit begun; each commit is one generation. */
    private long started;
    /** The generation of the last commit ended, well or not. */
    private long finished;
    /** Why the last commit ended failed; null when it succeeded. */
    private @Nullable RuntimeException failure;
    private boolean closed;

    /**
     * @param gather how long a commit waits for more writers to join it: a commit rewrites whole
     *        pages, so fewer, larger commits cost less per write (at this much latency)
     * @param threads makes the thread commits run on, started here
     */
    GroupCommit(Runnable commit, Duration gather, ThreadFactory threads) {
        this.commit = commit;
        this.gatherNanos = gather.toNanos();
        this.committer = threads.newThread(this::commitWhileRequested);
        committer.start();
    }

    /**
     * Returns once a commit that began after this call has finished.
     *
     * @throws IllegalStateException if that commit failed (with its exception as the cause), if this
     *         was closed, or if the calling thread was interrupted while waiting (its interrupt
     *         status is kept; the commit goes on without it)
     */
    void await() {
        synchronized (monitor) {
            if (closed) {
                throw new IllegalStateException("the store's commits are closed");
            }
            long target = started + 1; // a commit already running may have begun before our writes
            if (requested < target) {
                requested = target;
                monitor.notifyAll();
            }
            while (finished < target) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the store to commit", e);
                }
            }
            // Any commit that began after our writes makes them durable: the latest one decides.
            if (failure != null) {
                throw new IllegalStateException("the store failed to commit: " + failure.getMessage(), failure);
            }
        }
    }

    private void commitWhileRequested() {
        while (true) {
            synchronized (monitor) {
                while (requested <= started && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // only close() ends this thread, after the commits asked for before it
                    }
                }
                if (requested <= started) {
                    return; // closed, and nobody waits
                }
            }
            if (gatherNanos > 0) {
                LockSupport.parkNanos(gatherNanos);
            }
            long generation;
            synchronized (monitor) {
                generation = ++started; // callers arriving from now on wait for the next one
            }
            RuntimeException failed = null;
            try {
                commit.run();
            } catch (RuntimeException e) {
                failed = e;
            } catch (Error e) {
                failed = new IllegalStateException(e); // the thread lives on: its callers must not wait forever
            }
            synchronized (monitor) {
                finished = generation;
                failure = failed;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Runs the commits already asked for, then stops the commit thread; waits for at most
     * {@code timeout} and never interrupts a commit. Later calls to {@link #await()} fail.
     */
    void close(Duration timeout) {
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committer.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                committer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true; // a commit under way must still end before the store closes
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
