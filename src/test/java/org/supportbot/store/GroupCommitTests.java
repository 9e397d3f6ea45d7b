package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    @Test
    void returnsOnlyAfterACommitThatStartedAfterTheCall() throws Exception {
        var commitsStarted = new AtomicLong();
        var commit = new GroupCommit(commitsStarted::incrementAndGet, Duration.ZERO);
        long before = commitsStarted.get();
        commit.await();
        assertThat(commitsStarted.get()).isGreaterThan(before);
    }

    @Test
    void sharesCommitsAmongConcurrentWriters() throws Exception {
        var commits = new AtomicInteger();
        var inCommit = new AtomicInteger();
        var overlapping = new AtomicInteger();
        var commit = new GroupCommit(() -> {
            if (inCommit.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
            commits.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            inCommit.decrementAndGet();
        }, Duration.ZERO);
        int writers = 8;
        int rounds = 50;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < writers; i++) {
            futures.add(pool.submit(() -> {
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
        assertThat(overlapping.get()).as("commits never run at the same time").isZero();
        assertThat(commits.get()).as("fewer commits than flushes").isLessThan(writers * rounds).isGreaterThanOrEqualTo(rounds);
    }
}
