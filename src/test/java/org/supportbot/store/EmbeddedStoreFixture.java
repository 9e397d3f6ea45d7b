package org.supportbot.store;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;

/** The embedded store as the application opens it, with its read statistics, for tests of other modules. */
public final class EmbeddedStoreFixture implements Store, AutoCloseable {

    private final MongoStore store;

    public EmbeddedStoreFixture(Path dir) {
        this.store = StoreFixture.embedded(dir);
    }

    /** How many documents of the collection the store has read so far to answer queries: what its scans cost. */
    public long documentsRead(String collection) {
        return store.documentsRead(collection);
    }

    @Override
    public MongoDatabase database() {
        return store.database();
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public void close() {
        store.close();
    }
}
