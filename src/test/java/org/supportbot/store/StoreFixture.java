package org.supportbot.store;

import java.nio.file.Path;
import java.time.Duration;

/** Opens the embedded store in a folder, as the application does without MONGODB_URI. */
final class StoreFixture {
    private StoreFixture() {
    }

    static MongoStore embedded(Path dir) {
        return new MongoStore(null, dir, Duration.ofSeconds(5));
    }
}
