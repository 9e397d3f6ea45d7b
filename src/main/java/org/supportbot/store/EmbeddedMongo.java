package org.supportbot.store;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire server inside this process (mongo-java-server with its H2 backend), listening on
 * a free loopback port. It has no transactions, no TTL expiry and enforces only unique indexes;
 * it runs one command at a time.
 */
final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    static final String FILE_NAME = "embedded-store.mv";
    /** H2's page cache; its default, 16 MB, makes a store of a few hundred thousand messages re-read pages. */
    private static final int CACHE_MB = 64;

    private final KeyedH2Backend backend;
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
            MVStoreTool.compactCleanUp(file.toString()); // a rewrite cut short by a kill: its temporary file goes, or its finished copy takes over
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

    /** The file's size and how much of it is live data, in per cent. */
    FileUse use() {
        var store = backend.mvStore();
        var files = store.getFileStore();
        // the share of the file in chunks, times the share of those chunks' contents still live
        return new FileUse(files.size(), files.getFillRate() * files.getChunksFillRate() / 100);
    }

    /** How big the file is and how full: MVStore appends, so what was removed stays until compaction. */
    record FileUse(long bytes, int fillPercent) {
    }

    /**
     * Moves live chunks over the space of dead ones for up to {@code maxMillis} and shortens the
     * file: the background compaction. It shrinks the file; freed space may still hold old bytes
     * until reused, which only {@link #close()}'s rewrite rules out.
     */
    void compact(int maxMillis) {
        backend.mvStore().compactFile(maxMillis);
    }

    /**
     * Stops serving, then rewrites the file with its live data only: it ends proportional to what
     * is kept, and removed data (an erased customer) is physically gone from it.
     */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
        rewrite(file);
    }

    /** Copies the live data of a closed store file into a new file, which then replaces it. */
    static void rewrite(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        long before = file.toFile().length();
        long started = System.nanoTime();
        try {
            MVStoreTool.compact(file.toString(), false);
        } catch (RuntimeException e) {
            log.warn("Could not rewrite the embedded store {} to its live data; it stays as it was: {}", file, e.toString());
            return;
        }
        log.info("Rewrote the embedded store {}: {} KiB -> {} KiB in {} ms", file, before >> 10, file.toFile().length() >> 10,
                (System.nanoTime() - started) / 1_000_000);
    }
}
