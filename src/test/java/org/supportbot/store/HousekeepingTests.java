package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.MovableClock;

class HousekeepingTests {

    @TempDir
    Path dir;

    @Test
    void forgetsOnlyWhatIsOlderThanTheRetention() {
        var clock = new MovableClock(Instant.parse("2026-11-01T00:00:00Z"));
        try (var store = StoreFixture.embedded(dir)) {
            var inbox = new Inbox(store, clock);
            var outbox = new Outbox(store, clock);
            var housekeeping = new Housekeeping(inbox, outbox, clock, Duration.ofDays(7));
            inbox.store("old", "c", new Document());
            inbox.markProcessed("old");
            outbox.enqueue(List.of(new Outbox.Message("old#0", "telegram", "1", new Document("text", "hi"))));
            outbox.markSent("old#0");
            clock.advance(Duration.ofDays(3));
            inbox.store("recent", "c", new Document());
            inbox.markProcessed("recent");
            assertThat(housekeeping.run()).isZero();
            clock.advance(Duration.ofDays(5));
            assertThat(housekeeping.run()).isEqualTo(2);
            assertThat(inbox.store("recent", "c", new Document())).isEqualTo(Inbox.Receipt.DONE);
            assertThat(outbox.status("old#0")).isNull();
        }
    }

    @Test
    void asksEveryOtherModulesExpiryWithTheCurrentTime() {
        var clock = new MovableClock(Instant.parse("2026-11-01T00:00:00Z"));
        var asked = new java.util.ArrayList<Instant>();
        try (var store = StoreFixture.embedded(dir)) {
            var housekeeping = new Housekeeping(new Inbox(store, clock), new Outbox(store, clock), clock, Duration.ofDays(7),
                    List.of(now -> {
                        asked.add(now);
                        return 3;
                    }));
            clock.advance(Duration.ofDays(1));
            assertThat(housekeeping.run()).isEqualTo(3);
            assertThat(asked).containsExactly(Instant.parse("2026-11-02T00:00:00Z"));
        }
    }
}
