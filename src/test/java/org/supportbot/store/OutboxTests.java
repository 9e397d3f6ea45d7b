package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTests extends OutboxContract {

    @TempDir
    Path dir;

    private MongoStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        store = StoreFixture.embedded(dir);
        outbox = new Outbox(store, clock);
    }

    @Override
    Outbox outbox() {
        return outbox;
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * Regression (bench/reliability/load.sh): the delivery loop's read of the outbox read and
     * sorted every reply in it, on the embedded store's one worker thread. With a backlog of
     * thousands (a flood limit holding replies back) each read held up every other command for
     * longer than its replies took, and a bot falling behind at 250 updates/s fell to 123/s with
     * replies a hundred seconds late. Here the open replies are read by key, oldest first.
     */
    @Test
    void readsTheOldestOpenRepliesWithoutReadingTheWholeOutbox(@TempDir Path restartDir) {
        var backlog = new java.util.ArrayList<Outbox.Message>();
        for (int i = 0; i < 5_000; i++) {
            backlog.add(message("b" + i + "#0", String.valueOf(i % 700), "reply " + i));
        }
        for (int from = 0; from < backlog.size(); from += 250) {
            outbox.enqueue(backlog.subList(from, from + 250), false);
        }
        outbox.undelivered(1); // the first read learns what is open
        outbox.markSent("b0#0");
        outbox.markSent("b1#0");
        outbox.markFailed("b2#0", "blocked by the user");
        outbox.claim("b3#0", "me", Duration.ofSeconds(30));

        long before = store.documentsRead(Outbox.COLLECTION);
        var oldest = outbox.undeliveredExceptHeldBy("me", 100);
        assertThat(store.documentsRead(Outbox.COLLECTION) - before).as("documents read for 100 of 4,996 open replies").isLessThanOrEqualTo(600);
        assertThat(oldest).extracting(Outbox.Entry::id).as("oldest first, not the sent, failed or held ones")
                .startsWith("b4#0", "b5#0", "b6#0").hasSize(100).doesNotContain("b0#0", "b1#0", "b2#0", "b3#0");
        assertThat(oldest.get(99).id()).isEqualTo("b103#0");
        assertThat(outbox.undelivered(3)).extracting(Outbox.Entry::id).containsExactly("b3#0", "b4#0", "b5#0");

        var all = outbox.undeliveredExceptHeldBy("me", 10_000);
        assertThat(all).hasSize(4_996);
        assertThat(all.get(all.size() - 1).id()).isEqualTo("b4999#0");

        // Most of the backlog in the sender's hands: the read skips those without reading them.
        var inHand = new java.util.ArrayList<String>();
        for (int i = 4; i < 3_004; i++) {
            inHand.add("b" + i + "#0");
        }
        assertThat(outbox.claimAll(inHand, "me", Duration.ofSeconds(30))).hasSize(3_000);
        before = store.documentsRead(Outbox.COLLECTION);
        assertThat(outbox.undeliveredExceptHeldBy("me", 100)).extracting(Outbox.Entry::id).startsWith("b3004#0").hasSize(100);
        assertThat(store.documentsRead(Outbox.COLLECTION) - before).as("documents read with 3,001 replies in hand").isLessThanOrEqualTo(600);
        outbox.release(List.of("b4#0"), "someone else");
        outbox.release(List.of("b5#0"), "me");
        assertThat(outbox.undeliveredExceptHeldBy("me", 2)).extracting(Outbox.Entry::id).containsExactly("b5#0", "b3004#0");
        outbox.retryAt("b6#0", clock.instant().plusSeconds(60), "429");
        assertThat(outbox.undeliveredExceptHeldBy("me", 2)).extracting(Outbox.Entry::id).containsExactly("b5#0", "b6#0");
        clock.advance(Duration.ofSeconds(31)); // the leases run out: offered again
        assertThat(outbox.undeliveredExceptHeldBy("me", 3)).extracting(Outbox.Entry::id).containsExactly("b3#0", "b4#0", "b5#0");

        // A new process learns the open replies from one full read, then reads by key again.
        outbox.enqueue(List.of(message("late#0", "9", "after the backlog")), false);
        var restarted = new Outbox(store, clock);
        assertThat(restarted.undelivered(2)).extracting(Outbox.Entry::id).containsExactly("b3#0", "b4#0");
        before = store.documentsRead(Outbox.COLLECTION);
        assertThat(restarted.undeliveredExceptHeldBy("me", 2)).extracting(Outbox.Entry::id).containsExactly("b3#0", "b4#0");
        assertThat(store.documentsRead(Outbox.COLLECTION) - before).isLessThanOrEqualTo(500);
        var afterRestart = restarted.undelivered(10_000);
        assertThat(afterRestart).hasSize(4_998);
        assertThat(afterRestart.get(afterRestart.size() - 1).id()).isEqualTo("late#0");
    }

    /**
     * Regression (bench/reliability/crash.sh, polling): a reply marked sent became durable only
     * at the next delivery pass, so kill -9 during a burst sent the replies of a whole pass again.
     */
    @Test
    void remembersAReplyAsSentThroughACrashRightAfterMarkingIt(@TempDir Path crashed) throws IOException {
        outbox.enqueue(List.of(message("u1#0", "42", "first")));
        outbox.flushBeforeSending();
        assertThat(outbox.claim("u1#0", "delivery-1", Duration.ofSeconds(30))).isTrue();
        outbox.markSent("u1#0");
        // What kill -9 leaves behind: the file as last committed.
        Files.copy(dir.resolve(EmbeddedMongo.FILE_NAME), crashed.resolve(EmbeddedMongo.FILE_NAME));
        try (var restarted = StoreFixture.embedded(crashed)) {
            var after = new Outbox(restarted, clock);
            assertThat(after.status("u1#0")).isEqualTo("sent");
            after.enqueue(List.of(message("u1#0", "42", "first, from the turn taken again")));
            assertThat(after.undelivered(10)).isEmpty();
        }
    }

    @Test
    void storesAReplyOnceWhateverTimesItIsEnqueued() {
        outbox.enqueue(List.of(message("u1#0", "42", "first"), message("u1#1", "42", "second")));
        outbox.enqueue(List.of(message("u1#0", "42", "first, regenerated"), message("u1#1", "42", "second, regenerated")));
        assertThat(outbox.undelivered(10)).extracting(e -> e.body().getString("text")).containsExactly("first", "second");
    }

    @Test
    void sendsAClaimedReplyOnlyOnce() {
        outbox.enqueue(List.of(message("u#0", "1", "hi")));
        assertThat(outbox.claim("u#0", "a", Duration.ofSeconds(30))).isTrue();
        assertThat(outbox.claim("u#0", "b", Duration.ofSeconds(30))).isFalse();
        outbox.markSent("u#0");
        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.claim("u#0", "b", Duration.ofSeconds(30))).isFalse();
        assertThat(outbox.undelivered(10)).isEmpty();
        assertThat(outbox.status("u#0")).isEqualTo("sent");
    }

    @Test
    void offersAReplyAgainWhenItsSenderDiedMidSend() {
        outbox.enqueue(List.of(message("u#0", "1", "hi")));
        outbox.claim("u#0", "a", Duration.ofSeconds(30));
        assertThat(outbox.undelivered(10)).singleElement().matches(e -> !e.due());
        clock.advance(Duration.ofSeconds(31));
        assertThat(outbox.undelivered(10)).singleElement().matches(Outbox.Entry::due);
        assertThat(outbox.claim("u#0", "b", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void waitsUntilTheRetryTime() {
        outbox.enqueue(List.of(message("u#0", "1", "hi")));
        outbox.claim("u#0", "a", Duration.ofSeconds(30));
        outbox.retryAt("u#0", clock.instant().plusSeconds(10), "429 Too Many Requests");
        assertThat(outbox.claim("u#0", "a", Duration.ofSeconds(30))).isFalse();
        assertThat(outbox.undelivered(10)).singleElement().satisfies(e -> {
            assertThat(e.due()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
        });
        clock.advance(Duration.ofSeconds(10));
        assertThat(outbox.claim("u#0", "a", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void keepsFailedRepliesOutOfDelivery() {
        outbox.enqueue(List.of(message("u#0", "1", "hi")));
        outbox.markFailed("u#0", "recipient_gone: blocked by user");
        assertThat(outbox.undelivered(10)).isEmpty();
        assertThat(outbox.status("u#0")).isEqualTo("failed");
    }

    @Test
    void releasesClaimsLeftByAStoppedProcess() {
        outbox.enqueue(List.of(message("u#0", "1", "hi")));
        outbox.claim("u#0", "dead", Duration.ofMinutes(10));
        assertThat(outbox.releaseAllClaims()).isEqualTo(1);
        assertThat(outbox.claim("u#0", "alive", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void storesRepliesClaimedForTheDirectDeliveryAndHandsThemOverOnceCommitted() {
        outbox.deliverDirectly(new Outbox.DirectDelivery("delivery-1", Duration.ofSeconds(30), (channel, chat) -> chat.equals("1")));
        outbox.enqueue(List.of(message("u1#0", "1", "direct"), message("u2#0", "2", "through the outbox")));

        assertThat(outbox.takeClaimed()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("u1#0");
            assertThat(e.body().getString("text")).isEqualTo("direct");
            assertThat(e.claimedBy()).isEqualTo("delivery-1");
        });
        assertThat(outbox.takeClaimed()).as("handed over once").isEmpty();
        assertThat(outbox.undelivered(10)).extracting(Outbox.Entry::id, Outbox.Entry::due, Outbox.Entry::claimedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u1#0", false, "delivery-1"),
                        org.assertj.core.groups.Tuple.tuple("u2#0", true, null));
        assertThat(outbox.claim("u1#0", "delivery-2", Duration.ofSeconds(30))).as("another sender's claim").isFalse();
        // The process holding it died: its claim runs out like any other.
        clock.advance(Duration.ofSeconds(31));
        assertThat(outbox.claim("u1#0", "delivery-2", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void handsOverNothingItDidNotStoreItself() {
        outbox.enqueue(List.of(message("u1#0", "1", "first attempt")));
        outbox.deliverDirectly(new Outbox.DirectDelivery("delivery-1", Duration.ofSeconds(30), (channel, chat) -> true));
        // The same turn taken again (after a crash): the reply is in the outbox already, pending, for whoever claims it.
        outbox.enqueue(List.of(message("u1#0", "1", "taken again"), message("u1#1", "1", "new")));
        assertThat(outbox.takeClaimed()).extracting(Outbox.Entry::id).containsExactly("u1#1");
        assertThat(outbox.status("u1#0")).isEqualTo("pending");
        long pendingStores = outbox.storedPending();
        outbox.deliverDirectly(null);
        outbox.enqueue(List.of(message("u2#0", "1", "after the delivery stopped")));
        assertThat(outbox.takeClaimed()).isEmpty();
        assertThat(outbox.status("u2#0")).isEqualTo("pending");
        assertThat(outbox.storedPending()).isGreaterThan(pendingStores);
    }
}
