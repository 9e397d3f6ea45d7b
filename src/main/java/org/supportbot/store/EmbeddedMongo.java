package org.supportbot.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A MongoDB-wire server inside this process (mongo-java-server with its H2 backend), listening on
 * a free loopback port. It has no transactions, no TTL expiry and enforces only unique indexes;
 * it runs one command at a time.
 */
final class EmbeddedMongo implements AutoCloseable {

    static final String FILE_NAME = "embedded-store.mv";
    /** H2's page cache; its default, 16 MB, makes a store of a few hundred thousand messages re-read pages. */
    private static final int CACHE_MB = 64;

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    EmbeddedMongo(Path dataDir) {
        this(dataDir, new InetSocketAddress("127.0.0.1", 0));
    }

    /** On a given address: the {@code store} command serves other processes so. */
    EmbeddedMongo(Path dataDir, InetSocketAddress bindTo) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir.toAbsolutePath(), e);
        }
        this.file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreUnavailableException("The embedded store " + file + " is in use by another running bot."
                        + " Stop it, or give this one its own SUPPORTBOT_DATA_DIR.", e);
            }
            throw new StoreUnavailableException("Cannot open the embedded store " + file + ": " + e.getMessage(), e);
        }
        try {
            this.backend = new KeyedH2Backend(store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new StoreUnavailableException("Cannot open the embedded store " + file + ": " + e.getMessage(), e);
        }
        this.server = new MongoServer(backend);
        // One worker thread: mongo-java-server does not lock, so two findOneAndUpdate calls running
        // at once could both match one document (two claims of one ticket, one counter value twice).
        // Handled one at a time, each command is atomic, as single-document operations are on MongoDB.
        this.server.bind(bindTo, 1, 1);
        this.address = server.getLocalAddress();
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    Path file() {
        return file;
    }

    /** How many documents of a collection were read to answer queries, updates and deletes: what its scans cost. */
    long documentsRead(String collection) {
        return ((CopyOnReadCollection) backend.resolveDatabase(MongoStore.DEFAULT_DATABASE).resolveCollection(collection, true)).documentsRead();
    }

    /** Writes what the server holds in memory to the file, so a crash of the process keeps it. */
    void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
