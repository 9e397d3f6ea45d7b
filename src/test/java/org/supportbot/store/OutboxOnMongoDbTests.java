package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;

/**
 * The outbox on a store other instances may share (MongoDB): open replies found by a query on its
 * index, not by key. A wire server in memory stands in for MongoDB.
 */
class OutboxOnMongoDbTests extends OutboxContract {

    private final MemoryStore memory = new MemoryStore();
    private final Store shared = new Store() {
        @Override
        public MongoDatabase database() {
            return memory.database();
        }

        @Override
        public void flush() {
        }

        @Override
        public boolean embedded() {
            return false;
        }

        @Override
        public String location() {
            return "memory, as MongoDB";
        }
    };
    private final Outbox outbox = new Outbox(shared, clock);

    @Override
    Outbox outbox() {
        return outbox;
    }

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void readsOpenRepliesByIndexOnMongoDbAndByKeyOnTheEmbeddedStore() {
        var collection = memory.database().getCollection(Outbox.COLLECTION);
        assertThat(OpenReplyReads.of(shared, collection, clock)).isInstanceOf(ReadsByIndex.class);
        assertThat(OpenReplyReads.of(memory, collection, clock)).isInstanceOf(ReadsByKey.class);
    }

    @Test
    void keepsSentFailedAndWaitingRepliesApart() {
        outbox.enqueue(List.of(message("sent#0", "1", "a"), message("failed#0", "1", "b"), message("later#0", "2", "c")));
        assertThat(outbox.claimAll(List.of("sent#0", "failed#0", "later#0"), "me", Duration.ofSeconds(30))).hasSize(3);
        outbox.markSent("sent#0");
        outbox.markFailed("failed#0", "recipient_gone: blocked by user");
        outbox.retryAt("later#0", clock.instant().plusSeconds(10), "429", false);

        assertThat(outbox.undeliveredExceptHeldBy("me", 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("later#0");
            assertThat(e.due()).isFalse();
            assertThat(e.claimedBy()).isNull();
        });
        assertThat(List.of(outbox.status("sent#0"), outbox.status("failed#0"), outbox.status("later#0")))
                .containsExactly("sent", "failed", "pending");
        outbox.enqueue(List.of(message("sent#0", "1", "the turn taken again")));
        assertThat(outbox.undelivered(10)).extracting(Outbox.Entry::id).containsExactly("later#0");
    }
}
