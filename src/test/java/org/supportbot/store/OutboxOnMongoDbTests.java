package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;
import org.supportbot.MovableClock;

/**
 * The outbox on a store other instances may share (MongoDB): open replies found by a query on its
 * index, not by key. A wire server in memory stands in for MongoDB.
 */
class OutboxOnMongoDbTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
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

    @AfterEach
    void close() {
        memory.close();
    }

    private static Outbox.Message message(String id, String chat, String text) {
        return new Outbox.Message(id, "telegram", chat, new Document("text", text));
    }

    @Test
    void readsOpenRepliesByIndexOnMongoDbAndByKeyOnTheEmbeddedStore() {
        var collection = memory.database().getCollection(Outbox.COLLECTION);
        assertThat(OpenReplyReads.of(shared, collection, clock)).isInstanceOf(ReadsByIndex.class);
        assertThat(OpenReplyReads.of(memory, collection, clock)).isInstanceOf(ReadsByKey.class);
    }

    @Test
    void listsUndeliveredRepliesInTheOrderTheyWereStored() {
        outbox.enqueue(List.of(message("b#0", "1", "b")));
        outbox.enqueue(List.of(message("a#0", "2", "a"), message("a#1", "2", "a2")));
        assertThat(outbox.undelivered(10)).extracting(Outbox.Entry::id).containsExactly("b#0", "a#0", "a#1");
        assertThat(outbox.undelivered(2)).extracting(Outbox.Entry::id).containsExactly("b#0", "a#0");
        assertThat(outbox.undelivered(10)).allMatch(Outbox.Entry::due);
    }

    @Test
    void leavesOutTheRepliesASenderHoldsWhenItAsksForTheRest() {
        outbox.enqueue(List.of(message("pending#0", "1", "waits"), message("mine#0", "2", "in hand"), message("theirs#0", "3", "elsewhere"),
                message("lapsed#0", "4", "mine, lease over")));
        outbox.claim("mine#0", "me", Duration.ofSeconds(30));
        outbox.claim("theirs#0", "other", Duration.ofSeconds(30));
        outbox.claim("lapsed#0", "me", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(6));

        assertThat(outbox.undeliveredExceptHeldBy("me", 10)).extracting(Outbox.Entry::id).containsExactly("pending#0", "theirs#0", "lapsed#0");
        assertThat(outbox.undeliveredExceptHeldBy("me", 2)).extracting(Outbox.Entry::id).containsExactly("pending#0", "theirs#0");
        assertThat(outbox.undelivered(10)).extracting(Outbox.Entry::id).containsExactly("pending#0", "mine#0", "theirs#0", "lapsed#0");
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
