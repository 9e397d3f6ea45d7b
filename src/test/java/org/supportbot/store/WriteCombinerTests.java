package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class WriteCombinerTests {

    @Test
    void aLoneCallerWritesItsItemAtOnceAndGetsItsResult() {
        var batches = Collections.synchronizedList(new ArrayList<List<Integer>>());
        var combiner = new WriteCombiner<Integer, String>(10, batch -> {
            batches.add(batch);
            return batch.stream().map(i -> "#" + i).toList();
        });
        assertThat(combiner.submit(7)).isEqualTo("#7");
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void concurrentCallersShareBatchesAndEachGetsItsOwnResult() throws Exception {
        var batches = Collections.synchronizedList(new ArrayList<List<Integer>>());
        var inWrite = new AtomicInteger();
        var overlapping = new AtomicInteger();
        var combiner = new WriteCombiner<Integer, Integer>(16, batch -> {
            if (inWrite.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
            batches.add(batch);
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a round trip
            inWrite.decrementAndGet();
            return batch.stream().map(i -> i * 10).toList();
        });
        int callers = 8;
        int each = 100;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(callers);
        var wrong = ConcurrentHashMap.<Integer>newKeySet();
        var futures = new ArrayList<Future<?>>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    int item = caller * 1000 + i;
                    if (combiner.submit(item) != item * 10) {
                        wrong.add(item);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        assertThat(wrong).isEmpty();
        assertThat(overlapping.get()).as("one batch at a time").isZero();
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(callers * each);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.size()).isBetween(1, 16));
        assertThat(batches.size()).as("fewer writes than items").isLessThan(callers * each / 2);
        // each caller's items are written in the order it handed them in
        for (int c = 0; c < callers; c++) {
            int caller = c;
            var order = batches.stream().flatMap(List::stream).filter(i -> i / 1000 == caller).toList();
            assertThat(order).isSorted();
        }
    }

    @Test
    void aRefusedItemFailsAloneAndTheOthersAreWritten() throws Exception {
        var written = Collections.synchronizedList(new ArrayList<Integer>());
        var batches = Collections.synchronizedList(new ArrayList<List<Integer>>());
        var firstInWrite = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var combiner = new WriteCombiner<Integer, Integer>(16, batch -> {
            batches.add(batch);
            if (batch.contains(0)) {
                firstInWrite.countDown();
                awaitQuietly(release); // hold the first write so that the next ones form one batch
            }
            if (batch.contains(13)) {
                throw new IllegalArgumentException("13 is refused");
            }
            written.addAll(batch);
            return batch;
        });
        var pool = Executors.newFixedThreadPool(6);
        var first = pool.submit(() -> combiner.submit(0));
        firstInWrite.await();
        var callers = new ConcurrentLinkedQueue<Thread>();
        var later = new ArrayList<Future<Integer>>();
        for (int item : List.of(11, 12, 13, 14)) {
            later.add(pool.submit(() -> {
                callers.add(Thread.currentThread());
                return combiner.submit(item);
            }));
        }
        awaitWaitingForTheWrite(callers, 4);
        release.countDown();
        assertThat(first.get()).isZero();
        assertThat(later.get(0).get()).isEqualTo(11);
        assertThat(later.get(1).get()).isEqualTo(12);
        assertThatThrownBy(() -> later.get(2).get()).hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("13 is refused");
        assertThat(later.get(3).get()).isEqualTo(14);
        assertThat(written).containsExactlyInAnyOrder(0, 11, 12, 14);
        assertThat(batches.get(1)).as("the four waiting wrote together first").containsExactlyInAnyOrder(11, 12, 13, 14);
        pool.shutdown();
    }

    @Test
    void anUnreachableStoreFailsTheWholeBatchAtOnce() throws Exception {
        var attempts = new AtomicInteger();
        var firstInWrite = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var combiner = new WriteCombiner<Integer, Integer>(16, batch -> {
            attempts.incrementAndGet();
            if (batch.contains(0)) {
                firstInWrite.countDown();
                awaitQuietly(release);
                return batch;
            }
            throw new MongoTimeoutException("no server (test)");
        });
        var pool = Executors.newFixedThreadPool(5);
        var first = pool.submit(() -> combiner.submit(0));
        firstInWrite.await();
        var callers = new ConcurrentLinkedQueue<Thread>();
        var later = new ArrayList<Future<Integer>>();
        for (int item : List.of(1, 2, 3)) {
            later.add(pool.submit(() -> {
                callers.add(Thread.currentThread());
                return combiner.submit(item);
            }));
        }
        awaitWaitingForTheWrite(callers, 3);
        release.countDown();
        first.get();
        for (var future : later) {
            assertThatThrownBy(future::get).hasCauseInstanceOf(MongoTimeoutException.class);
        }
        assertThat(attempts.get()).as("no retry one by one against a store that is down").isEqualTo(2);
        pool.shutdown();
    }

    @Test
    void refusesANonsenseBatchSizeAndAWriterThatLosesResults() {
        assertThatThrownBy(() -> new WriteCombiner<Integer, Integer>(0, batch -> batch)).isInstanceOf(IllegalArgumentException.class);
        var combiner = new WriteCombiner<Integer, Integer>(4, batch -> List.of());
        assertThatThrownBy(() -> combiner.submit(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("gave 0 results");
    }

    /**
     * Waits until {@code count} callers have handed in their items and wait for the write under way: parked on the
     * combiner's condition, not on its lock (a started thread may not have reached the queue yet).
     */
    private static void awaitWaitingForTheWrite(Collection<Thread> callers, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> callers.size() == count
                && callers.stream().allMatch(caller -> LockSupport.getBlocker(caller) instanceof Condition));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
