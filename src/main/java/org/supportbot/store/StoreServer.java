package org.supportbot.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store served to other processes: the MongoDB-wire server the bot runs inside
 * itself without {@code MONGODB_URI}, on a port of its own ({@code java -jar support-bot.jar store}).
 * Bots point {@code MONGODB_URI} at it; several may share it, as they share a MongoDB server.
 *
 * <p>For tests and the reliability suite (restarting the store under running bots), not for
 * production: it runs one command at a time (each single-document update is atomic, as on
 * MongoDB), and writes reach its file every {@code commitInterval} — a {@code kill -9} of this
 * process loses at most that much; a normal stop (SIGTERM, {@link #close()}) loses nothing.
 */
public final class StoreServer implements AutoCloseable {

    private final EmbeddedMongo mongo;
    private final ScheduledExecutorService committer;

    private StoreServer(EmbeddedMongo mongo, Duration commitInterval) {
        this.mongo = mongo;
        this.committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "store-commit");
            thread.setDaemon(true);
            return thread;
        });
        long millis = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(mongo::commit, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the store file under {@code dataDir} and listens on {@code host:port}.
     *
     * @throws IllegalArgumentException if the port is not 1-65535 or the interval not 1 ms-10 s
     * @throws StoreUnavailableException if the file is in use by another process or unreadable
     */
    public static StoreServer start(Path dataDir, String host, int port, Duration commitInterval) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--port must be 1-65535, got " + port);
        }
        if (commitInterval.toMillis() < 1 || commitInterval.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("the commit interval must be 1 ms to 10 s, got " + commitInterval);
        }
        return new StoreServer(new EmbeddedMongo(dataDir, new InetSocketAddress(host, port)), commitInterval);
    }

    /** {@code mongodb://host:port}: what to give the bots as {@code MONGODB_URI} (add a database name). */
    public String connectionString() {
        return mongo.connectionString();
    }

    /** The store file. */
    public Path file() {
        return mongo.file();
    }

    /** Stops serving; everything written so far is in the file. */
    @Override
    public void close() {
        committer.shutdown(); // not shutdownNow: an interrupted MVStore commit ends before its writes are in the file
        try {
            committer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mongo.commit();
        mongo.close();
    }
}
