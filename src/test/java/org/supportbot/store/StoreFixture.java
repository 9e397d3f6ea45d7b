package org.supportbot.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}

/** Opens the embedded store in a folder, as the application does without MONGODB_URI. */
final class StoreFixture {
    private StoreFixture() {
    }

    static MongoStore embedded(Path dir) {
        return new MongoStore(null, dir, Duration.ofSeconds(5));
    }
}
