package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: mongo-java-server handled commands on several threads, and two {@code $inc}s through
 * {@code findOneAndUpdate} at once could return the same value (two tickets got one number). The
 * embedded store runs one command at a time, so single-document updates are atomic as on MongoDB.
 */
class EmbeddedAtomicityTests {

    @TempDir
    Path dir;

    @Test
    void concurrentIncrementsNeverReturnTheSameValue() throws Exception {
        try (var store = StoreFixture.embedded(dir)) {
            var counters = store.database().getCollection("counters");
            var seen = ConcurrentHashMap.<Long>newKeySet();
            var repeated = new AtomicInteger();
            var pool = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        var doc = counters.findOneAndUpdate(Filters.eq("_id", "n"), Updates.inc("seq", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                        if (!seen.add(((Number) doc.get("seq")).longValue())) {
                            repeated.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(repeated).hasValue(0);
            assertThat(seen).hasSize(1600);
        }
    }
}
