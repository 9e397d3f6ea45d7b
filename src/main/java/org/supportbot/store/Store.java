package org.supportbot.store;

import com.mongodb.client.MongoDatabase;

/**
 * The application's MongoDB database. Thread-safe.
 *
 * <p>Writes acknowledged by the driver are durable: on MongoDB the client writes with a
 * majority, journaled write concern; on the embedded store {@link #flush()} must be called
 * after writes that must survive a crash of the process (the inbox and outbox do).
 */
public interface Store {

    /** The database all collections live in. */
    MongoDatabase database();

    /** Makes the writes acknowledged so far survive a crash of this process. Cheap on MongoDB (no-op). */
    void flush();

    /** Whether this is the embedded store (no {@code MONGODB_URI}). */
    boolean embedded();

    /**
     * Reclaims the space of removed documents now: on the embedded store the file is compacted
     * (what an erase removed may linger in free space until the store is closed, which rewrites the
     * file); MongoDB reuses the space by itself, so there it does nothing.
     */
    default void compact() {
    }

    /** Where the data is, for logs and health: a file, or the URI without its password. */
    String location();
}
