package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCompactionTests {

    @TempDir
    Path dir;

    /** Writes and rewrites documents, then removes most: the file is then mostly dead chunks. */
    private static void churn(MongoStore store) {
        var docs = store.database().getCollection("messages");
        var text = "x".repeat(2_000);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 400; i++) {
                docs.replaceOne(new Document("_id", i), new Document("_id", i).append("text", text + round),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
            }
            store.flush();
        }
        docs.deleteMany(new Document("_id", new Document("$gte", 10)));
        store.flush();
    }

    @Test
    void compactsASparseFileWhileTheStoreServesAndLeavesAFullOneAlone() {
        try (var store = StoreFixture.embedded(dir)) {
            churn(store);
            var before = store.fileUse();
            assertThat(before.fillPercent()).isBetween(0, 99);
            assertThat(new StoreCompaction(store, Duration.ofMinutes(10), 0).run()).as("0%: never sparse enough").isFalse();

            assertThat(new StoreCompaction(store, Duration.ofMinutes(10), 100).run()).isTrue();

            // MVStore frees dead chunks only 45 s after they were written: the space comes back on later runs
            assertThat(store.fileUse().bytes()).isLessThanOrEqualTo(before.bytes());
            assertThat(store.database().getCollection("messages").countDocuments()).isEqualTo(10);
            store.database().getCollection("messages").insertOne(new Document("_id", "after"));
            assertThat(store.database().getCollection("messages").countDocuments()).as("serves on").isEqualTo(11);
        }
    }

    @Test
    void closingRewritesTheFileToItsLiveData() {
        long open;
        try (var store = StoreFixture.embedded(dir)) {
            churn(store);
            open = store.fileUse().bytes();
        }
        var file = dir.resolve(EmbeddedMongo.FILE_NAME).toFile();
        assertThat(file.length()).isLessThan(open / 4);
        try (var store = StoreFixture.embedded(dir)) {
            assertThat(store.database().getCollection("messages").countDocuments()).isEqualTo(10);
        }
    }

    @Test
    void refusesSettingsOutOfRange() {
        try (var store = StoreFixture.embedded(dir)) {
            assertThatThrownBy(() -> new StoreCompaction(store, Duration.ZERO, 50)).hasMessageContaining("compact-interval");
            assertThatThrownBy(() -> new StoreCompaction(store, Duration.ofMinutes(1), 101)).hasMessageContaining("compact-min-fill must be 0-100, got 101");
        }
    }
}
