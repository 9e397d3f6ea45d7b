package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkWritesTests {

    @TempDir
    Path dir;

    @Test
    void leavesEachMessageAsTheEngineWouldProcessedAnsweredAndSent() {
        try (var store = StoreFixture.embedded(dir)) {
            var writes = new BenchmarkWrites(store);
            writes.write(0, 3, "run1");
            writes.write(3, 2, "run1");

            var db = store.database();
            assertThat(db.getCollection(Inbox.COLLECTION).countDocuments(Filters.eq("processed", true))).isEqualTo(5);
            assertThat(db.getCollection("messages").countDocuments()).isEqualTo(5);
            assertThat(db.getCollection("conversations").countDocuments()).isEqualTo(5);
            assertThat(db.getCollection(Outbox.COLLECTION).countDocuments()).as("sent replies leave the outbox").isZero();
            assertThat(db.getCollection(SentReplies.COLLECTION).find(Filters.eq("_id", "ceiling:run1:4#0")).first()).isNotNull();
        }
    }
}
