package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.MovableClock;

class InboxTests {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private MongoStore store;
    private Inbox inbox;

    @BeforeEach
    void open() {
        store = StoreFixture.embedded(dir);
        inbox = new Inbox(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recognisesARedeliveryBeforeAndAfterProcessing() {
        var payload = new Document("text", "где заказ");
        assertThat(inbox.store("telegram:1", "telegram:42", payload)).isEqualTo(Inbox.Receipt.NEW);
        assertThat(inbox.store("telegram:1", "telegram:42", payload)).isEqualTo(Inbox.Receipt.PENDING);
        inbox.markProcessed("telegram:1");
        assertThat(inbox.store("telegram:1", "telegram:42", payload)).isEqualTo(Inbox.Receipt.DONE);
        assertThat(inbox.isProcessed("telegram:1")).isTrue();
    }

    @Test
    void lendsAnUpdateToOneOwnerAtATime() {
        inbox.store("vk:7", "vk:1", new Document());
        assertThat(inbox.claim("vk:7", "a", Duration.ofSeconds(30))).isTrue();
        assertThat(inbox.claim("vk:7", "b", Duration.ofSeconds(30))).isFalse();
        assertThat(inbox.claim("vk:7", "a", Duration.ofSeconds(30))).as("the owner may claim again").isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(inbox.claim("vk:7", "b", Duration.ofSeconds(30))).as("a lease runs out").isTrue();
        inbox.markProcessed("vk:7");
        assertThat(inbox.claim("vk:7", "b", Duration.ofSeconds(30))).as("processed updates are not lent").isFalse();
    }

    @Test
    void listsUnprocessedUpdatesOldestFirst() {
        inbox.store("k:2", "c:1", new Document("n", 2));
        clock.advance(Duration.ofSeconds(1));
        inbox.store("k:1", "c:1", new Document("n", 1));
        clock.advance(Duration.ofSeconds(1));
        inbox.store("k:3", "c:2", new Document("n", 3));
        inbox.markProcessed("k:1");
        assertThat(inbox.unprocessed(10)).extracting(Inbox.Entry::key).containsExactly("k:2", "k:3");
        assertThat(inbox.unprocessed(10).get(0).payload().getInteger("n")).isEqualTo(2);
    }

    @Test
    void keepsUpdatesAcrossARestart() {
        inbox.store("telegram:9", "telegram:5", new Document("text", "привет"));
        store.close();
        store = StoreFixture.embedded(dir);
        inbox = new Inbox(store, clock);
        assertThat(inbox.unprocessed(10)).singleElement().satisfies(entry -> {
            assertThat(entry.key()).isEqualTo("telegram:9");
            assertThat(entry.payload().getString("text")).isEqualTo("привет");
        });
        assertThat(inbox.store("telegram:9", "telegram:5", new Document())).isEqualTo(Inbox.Receipt.PENDING);
    }

    @Test
    void purgesOnlyOldProcessedUpdates() {
        inbox.store("old", "c", new Document());
        inbox.markProcessed("old");
        inbox.store("old-unprocessed", "c", new Document());
        clock.advance(Duration.ofDays(8));
        inbox.store("new", "c", new Document());
        inbox.markProcessed("new");
        assertThat(inbox.purgeProcessed(clock.instant().minus(Duration.ofDays(7)))).isEqualTo(1);
        assertThat(inbox.store("old", "c", new Document())).isEqualTo(Inbox.Receipt.NEW);
        assertThat(inbox.store("new", "c", new Document())).isEqualTo(Inbox.Receipt.DONE);
        assertThat(inbox.store("old-unprocessed", "c", new Document())).isEqualTo(Inbox.Receipt.PENDING);
    }

    /**
     * On the embedded store only this process writes, so after one full read the updates left
     * open are looked up by key: the full read took 0.3 s for 200,000 updates every 30 s, holding
     * the collection. A document written behind the inbox's back shows that no full read happens.
     */
    @Test
    void findsUnclaimedUpdatesByKeyAfterOneFullReadOnTheEmbeddedStore() {
        inbox.store("k:1", "c:1", new Document("n", 1), "dead", Duration.ofSeconds(30));
        inbox.store("k:2", "c:2", new Document("n", 2), "alive", Duration.ofMinutes(5));
        inbox.markProcessed("k:2");
        assertThat(inbox.unclaimed(clock.instant(), 10)).as("k:1 is still claimed").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        inbox.store("k:3", "c:3", new Document("n", 3), "dead", Duration.ofSeconds(30));
        store.database().getCollection(Inbox.COLLECTION).insertOne(new Document("_id", "k:behind-its-back")
                .append("conversation", "c:9").append("payload", new Document()).append("receivedAt", java.util.Date.from(clock.instant()))
                .append("processed", false));
        clock.advance(Duration.ofSeconds(31));

        assertThat(inbox.unclaimed(clock.instant(), 10)).extracting(Inbox.Entry::key).containsExactly("k:1", "k:3");
        assertThat(inbox.unclaimed(clock.instant(), 1)).extracting(Inbox.Entry::key).as("oldest first, at most the limit")
                .containsExactly("k:1");
        inbox.markProcessed(java.util.List.of("k:1", "k:3"));
        assertThat(inbox.unclaimed(clock.instant(), 10)).isEmpty();
    }

    @Test
    void findsUpdatesLeftBeforeARestartWithTheFirstRead() {
        inbox.store("k:1", "c:1", new Document("n", 1), "crashed", Duration.ofSeconds(30));
        store.close();
        store = StoreFixture.embedded(dir);
        inbox = new Inbox(store, clock);
        clock.advance(Duration.ofSeconds(31));
        assertThat(inbox.unclaimed(clock.instant(), 10)).extracting(Inbox.Entry::key).containsExactly("k:1");
        assertThat(inbox.unclaimed(clock.instant(), 10)).as("and afterwards, by key").extracting(Inbox.Entry::key).containsExactly("k:1");
    }
}
