package org.supportbot.store;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Lets concurrent callers share round trips to the store. Each caller hands in one item and waits;
 * a caller that finds no write running becomes the writer and writes every item handed in so far
 * (at most {@code maxBatch}, oldest first) as one batch, for all of them; the next one waiting
 * writes what arrived meanwhile. Under load a batch holds what arrived during the previous write,
 * so the number of commands grows with the batches, not with the callers; a lone caller writes
 * its item at once.
 *
 * <p>One bad item does not fail the others: when the store refuses a batch of several, each item
 * is written again on its own and only the bad one fails. When the store cannot be reached the
 * whole batch fails at once (writing each on its own would wait a timeout for each).
 *
 * @param <T> what a caller writes
 * @param <R> what a caller learns about its item
 */
public final class WriteCombiner<T, R> {

    /**
     * Writes a batch; returns one result per item, in order. Must be safe to repeat: after a
     * refused batch each item is written again on its own, also those the batch wrote before it
     * failed (insert-once ids, upserts and set-updates are).
     */
    @FunctionalInterface
    public interface BatchWrite<T, R> {
        List<R> write(List<T> batch);
    }

    private static final class Slot<T, R> {
        final T item;
        @Nullable R result;
        @Nullable RuntimeException failure;
        boolean done;

        Slot(T item) {
            this.item = item;
        }
    }

    private final BatchWrite<T, R> write;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Slot<T, R>> waiting = new ArrayDeque<>();
    private boolean writing;

    public WriteCombiner(int maxBatch, BatchWrite<T, R> write) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
        }
        this.write = Objects.requireNonNull(write, "write");
        this.maxBatch = maxBatch;
    }

    /**
     * Writes {@code item} in a batch with whatever else is waiting; returns its result once
     * written (null where the results are {@code Void}).
     *
     * @throws RuntimeException what writing the item failed with
     */
    public @Nullable R submit(T item) {
        var mine = new Slot<T, R>(Objects.requireNonNull(item, "item"));
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                var batch = new ArrayList<Slot<T, R>>(Math.min(waiting.size(), maxBatch));
                while (!waiting.isEmpty() && batch.size() < maxBatch) {
                    batch.add(waiting.poll());
                }
                lock.unlock();
                try {
                    writeAll(batch);
                } finally {
                    lock.lock();
                    writing = false;
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    private void writeAll(List<Slot<T, R>> batch) {
        List<R> results;
        try {
            results = write.write(items(batch));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || unreachable(e)) {
                batch.forEach(slot -> fail(slot, e));
                return;
            }
            for (var slot : batch) { // find the one the store refused
                try {
                    complete(List.of(slot), write.write(List.of(slot.item)));
                } catch (RuntimeException alone) {
                    fail(slot, alone);
                }
            }
            return;
        } catch (Error e) {
            batch.forEach(slot -> fail(slot, new IllegalStateException("writing a batch failed: " + e, e)));
            throw e;
        }
        complete(batch, results);
    }

    private static <T, R> void complete(List<Slot<T, R>> batch, List<R> results) {
        if (results.size() != batch.size()) {
            var wrong = new IllegalStateException("a batch of " + batch.size() + " gave " + results.size() + " results");
            batch.forEach(slot -> fail(slot, wrong));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            var slot = batch.get(i);
            slot.result = results.get(i);
            slot.done = true;
        }
    }

    private static <T, R> void fail(Slot<T, R> slot, RuntimeException e) {
        slot.failure = e;
        slot.done = true;
    }

    private static <T, R> List<T> items(List<Slot<T, R>> batch) {
        var items = new ArrayList<T>(batch.size());
        for (var slot : batch) {
            items.add(slot.item);
        }
        return items;
    }

    private static boolean unreachable(RuntimeException e) {
        return e instanceof MongoTimeoutException || e instanceof MongoSocketException || e instanceof StoreUnavailableException;
    }
}
