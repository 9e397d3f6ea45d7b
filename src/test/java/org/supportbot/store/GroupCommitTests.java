package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    private static final ThreadFactory THREADS = runnable -> {
        var thread = new Thread(runnable, "test-commit");
        thread.setDaemon(true);
        return thread;
    };

    @Test
    void returnsOnlyAfterACommitThatStartedAfterTheCall() throws Exception {
        var commitsStarted = new AtomicLong();
        try (var commit = new GroupCommit(commitsStarted::incrementAndGet, Duration.ZERO, THREADS)) {
            long before = commitsStarted.get();
            commit.await();
            assertThat(commitsStarted.get()).isGreaterThan(before);
        }
    }

    @Test
    void sharesCommitsAmongConcurrentWriters() throws Exception {
        var commits = new AtomicInteger();
        var inCommit = new AtomicInteger();
        var overlapping = new AtomicInteger();
        var commitThreads = ConcurrentHashMap.<Thread>newKeySet();
        var commit = new GroupCommit(() -> {
            if (inCommit.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
            commitThreads.add(Thread.currentThread());
            commits.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            inCommit.decrementAndGet();
        }, Duration.ZERO, THREADS);
        int writers = 8;
        int rounds = 50;
        var start = new CountDownLatch(1);
        var writerThreads = ConcurrentHashMap.<Thread>newKeySet();
        var pool = Executors.newFixedThreadPool(writers);
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < writers; i++) {
            futures.add(pool.submit(() -> {
                writerThreads.add(Thread.currentThread());
                start.await();
                for (int r = 0; r < rounds; r++) {
                    commit.await();
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        commit.close();
        assertThat(overlapping.get()).as("commits never run at the same time").isZero();
        assertThat(commits.get()).as("fewer commits than flushes").isLessThan(writers * rounds).isGreaterThanOrEqualTo(rounds);
        assertThat(commitThreads).as("threads that ran a commit").hasSize(1).doesNotContainAnyElementsOf(writerThreads);
    }

    /** Regression: MVStore closes its file when the thread committing is interrupted. */
    @Test
    void anInterruptedCallerStopsWaitingWhileItsCommitRunsOnUninterrupted() throws Exception {
        var inCommit = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var interruptedCommit = new AtomicBoolean();
        try (var commit = new GroupCommit(() -> {
            inCommit.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interruptedCommit.set(true);
            }
        }, Duration.ZERO, THREADS)) {
            var failure = new AtomicReference<Throwable>();
            var stillInterrupted = new AtomicBoolean();
            var caller = new Thread(() -> {
                try {
                    commit.await();
                } catch (IllegalStateException e) {
                    failure.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            assertThat(inCommit.await(10, TimeUnit.SECONDS)).isTrue();
            caller.interrupt();
            caller.join(10_000);
            assertThat(caller.isAlive()).isFalse();
            assertThat(failure.get()).hasMessageContaining("interrupted").hasCauseInstanceOf(InterruptedException.class);
            assertThat(stillInterrupted).isTrue();

            release.countDown();
            commit.await(); // the next caller is served by the same thread, which was never interrupted
            assertThat(interruptedCommit).isFalse();
        }
    }

    @Test
    void aFailedCommitFailsItsCallersAndTheNextOneServesThemAgain() {
        var failNext = new AtomicBoolean(true);
        try (var commit = new GroupCommit(() -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("disk full");
            }
        }, Duration.ZERO, THREADS)) {
            assertThatThrownBy(commit::await).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("disk full");
            commit.await();
        }
    }

    @Test
    void refusesCallersOnceClosed() {
        var commits = new AtomicInteger();
        var commit = new GroupCommit(commits::incrementAndGet, Duration.ZERO, THREADS);
        commit.await();
        commit.close();
        assertThatThrownBy(commit::await).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(commits).hasValue(1);
    }
}
