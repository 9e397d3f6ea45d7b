package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

/**
 * What the outbox promises whichever way it reads its open replies: the same scenarios run on the
 * embedded store ({@link OutboxTests}, by key) and on MongoDB ({@link OutboxOnMongoDbTests}, by index).
 */
abstract class OutboxContract {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));

    /** The outbox under test, on {@link #clock}. */
    abstract Outbox outbox();

    static Outbox.Message message(String id, String chat, String text) {
        return new Outbox.Message(id, "telegram", chat, new Document("text", text));
    }

    @Test
    void listsUndeliveredRepliesInTheOrderTheyWereStored() {
        outbox().enqueue(List.of(message("b#0", "1", "b")));
        outbox().enqueue(List.of(message("a#0", "2", "a"), message("a#1", "2", "a2")));
        assertThat(outbox().undelivered(10)).extracting(Outbox.Entry::id).containsExactly("b#0", "a#0", "a#1");
        assertThat(outbox().undelivered(2)).extracting(Outbox.Entry::id).containsExactly("b#0", "a#0");
        assertThat(outbox().undelivered(10)).allMatch(Outbox.Entry::due);
    }

    @Test
    void leavesOutTheRepliesASenderHoldsWhenItAsksForTheRest() {
        outbox().enqueue(List.of(message("pending#0", "1", "waits"), message("mine#0", "2", "in hand"), message("theirs#0", "3", "elsewhere"),
                message("lapsed#0", "4", "mine, lease over")));
        outbox().claim("mine#0", "me", Duration.ofSeconds(30));
        outbox().claim("theirs#0", "other", Duration.ofSeconds(30));
        outbox().claim("lapsed#0", "me", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(6));

        assertThat(outbox().undeliveredExceptHeldBy("me", 10)).extracting(Outbox.Entry::id).containsExactly("pending#0", "theirs#0", "lapsed#0");
        assertThat(outbox().undeliveredExceptHeldBy("me", 2)).extracting(Outbox.Entry::id).containsExactly("pending#0", "theirs#0");
        assertThat(outbox().undelivered(10)).extracting(Outbox.Entry::id).containsExactly("pending#0", "mine#0", "theirs#0", "lapsed#0");
    }
}
