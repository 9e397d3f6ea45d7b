package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a commit ran on the thread of the caller that flushed. MVStore, interrupted while it
 * waits for its writer thread, returns from the commit before the chunk is written (and forgets the
 * interrupt), so the flush of an interrupted request, and of every caller sharing that commit,
 * returned with the writes not yet in the file. (Where MVStore writes on the committing thread
 * itself, an interrupt closes its file instead: the store would be unusable until a restart.)
 */
class StoreInterruptTests {

    @TempDir
    Path dir;

    /**
     * MVStore hands a commit's writing to a thread of its own and waits for it, but stops waiting,
     * silently, when the committing thread is interrupted: such a flush must fail, never return as if
     * the writes were in the file.
     */
    @Test
    void aFlushByAnInterruptedThreadFailsOrHasWrittenEverything() throws Exception {
        int documents = 3000;
        var copy = dir.resolve("copy");
        java.nio.file.Files.createDirectories(copy);
        boolean flushed;
        try (var store = new MongoStore(null, dir.resolve("live"), Duration.ofSeconds(5), Duration.ZERO)) {
            var messages = store.database().getCollection("messages");
            var batch = new ArrayList<Document>();
            for (int i = 0; i < documents; i++) {
                batch.add(new Document("_id", "m" + i).append("text", "слово ".repeat(100)));
            }
            messages.insertMany(batch);
            Thread.currentThread().interrupt();
            try {
                store.flush();
                flushed = true;
            } catch (IllegalStateException e) {
                flushed = false;
            } finally {
                Thread.interrupted();
            }
            if (flushed) { // what is in the file now, as a crash at this moment would leave it
                java.nio.file.Files.copy(dir.resolve("live").resolve(EmbeddedMongo.FILE_NAME), copy.resolve(EmbeddedMongo.FILE_NAME));
            }
        }
        if (flushed) {
            try (var crashed = StoreFixture.embedded(copy)) {
                assertThat(crashed.database().getCollection("messages").countDocuments()).isEqualTo(documents);
            }
        }
    }

    @Test
    void interruptingWritersWhileTheyFlushLeavesTheStoreUsable() throws Exception {
        int writers = 4;
        var stop = new AtomicBoolean();
        var flushed = new AtomicInteger();
        try (var store = new MongoStore(null, dir, Duration.ofSeconds(5), Duration.ZERO)) {
            var messages = store.database().getCollection("messages");
            var threads = new ArrayList<Thread>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            messages.insertOne(new Document("_id", writer + ":" + i).append("text", "x".repeat(200)));
                            store.flush();
                            flushed.incrementAndGet();
                        } catch (IllegalStateException | MongoException e) {
                            // an interrupted write or flush fails; the next one must work again
                        }
                        Thread.interrupted();
                    }
                }, "writer-" + w));
            }
            threads.forEach(Thread::start);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                threads.get(ThreadLocalRandom.current().nextInt(writers)).interrupt();
                LockSupport.parkNanos(200_000);
            }
            stop.set(true);
            for (var thread : threads) {
                thread.join(30_000);
            }
            assertThat(flushed).as("flushes that went through").hasPositiveValue();

            messages.insertOne(new Document("_id", "after"));
            store.flush();
            assertThat(messages.find(new Document("_id", "after")).first()).isNotNull();
        }
        try (var reopened = StoreFixture.embedded(dir)) {
            var messages = reopened.database().getCollection("messages");
            assertThat(messages.find(new Document("_id", "after")).first()).isNotNull();
            assertThat(messages.countDocuments()).isGreaterThanOrEqualTo(flushed.get() + 1);
        }
    }
}
