package org.supportbot.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Store}: a MongoDB server named by {@code MONGODB_URI}, or the embedded one. */
final class MongoStore implements Store, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MongoStore.class);
    static final String DEFAULT_DATABASE = "supportbot";
    static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(10);

    private final @Nullable EmbeddedMongo embedded;
    private final @Nullable GroupCommit commits;
    private final MongoClientSettings clientSettings;
    private final MongoClient client;
    private final MongoDatabase database;
    private final String location;

    MongoStore(@Nullable String uri, Path dataDir, Duration connectTimeout) {
        this(uri, dataDir, connectTimeout, Duration.ZERO);
    }

    /**
     * @param commitGather embedded store only: how long a commit waits for more writers to join it
     */
    MongoStore(@Nullable String uri, Path dataDir, Duration connectTimeout, Duration commitGather) {
        this(uri, dataDir, connectTimeout, commitGather, DEFAULT_OPERATION_TIMEOUT);
    }

    /**
     * @param operationTimeout MongoDB server only: how long one operation may take in all (the
     *        driver's {@code timeoutMS}); a {@code timeoutMS} in the URI wins
     */
    MongoStore(@Nullable String uri, Path dataDir, Duration connectTimeout, Duration commitGather, Duration operationTimeout) {
        if (uri == null || uri.isBlank()) {
            embedded = new EmbeddedMongo(dataDir);
            commits = new GroupCommit(embedded::commit, commitGather, runnable -> {
                var thread = new Thread(runnable, "store-commit");
                thread.setDaemon(true);
                return thread;
            });
            location = embedded.file().toString();
            clientSettings = settings(new ConnectionString(embedded.connectionString()), connectTimeout, null);
            client = MongoClients.create(clientSettings);
            database = client.getDatabase(DEFAULT_DATABASE);
            log.info("Using the embedded store in {} (set MONGODB_URI to use a MongoDB server)", location);
        } else {
            embedded = null;
            commits = null;
            ConnectionString connection;
            try {
                connection = new ConnectionString(uri.strip());
            } catch (IllegalArgumentException e) {
                throw new StoreUnavailableException("MONGODB_URI is not a valid MongoDB connection string: " + e.getMessage()
                        + ". Expected something like mongodb://host:27017/supportbot?replicaSet=rs0.", e);
            }
            location = masked(connection);
            // Without a deadline a hung server holds a customer's turn, and the thread serving it, for ever.
            clientSettings = settings(connection, connectTimeout, operationTimeout);
            client = MongoClients.create(clientSettings);
            // Acknowledged means on a majority of the replica set and in its journal: a failover loses nothing.
            database = client.getDatabase(connection.getDatabase() == null ? DEFAULT_DATABASE : connection.getDatabase())
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true))
                    .withReadConcern(ReadConcern.MAJORITY);
        }
        try {
            ping();
        } catch (MongoException e) {
            close();
            throw new StoreUnavailableException("Cannot reach MongoDB at " + location + " (MONGODB_URI) within "
                    + connectTimeout.toMillis() + " ms: " + e.getMessage()
                    + ". Check that the server runs and the URI (host, port, credentials) is right, or unset MONGODB_URI to use the embedded store.", e);
        }
        if (embedded == null) {
            log.info("Connected to MongoDB at {}", location);
        }
    }

    private static MongoClientSettings settings(ConnectionString connection, Duration connectTimeout, @Nullable Duration operationTimeout) {
        var builder = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()), TimeUnit.MILLISECONDS));
        // The embedded store is this process's own: an operation there waits its turn rather than fails.
        if (operationTimeout != null && connection.getTimeout() == null) {
            builder.timeout(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return builder.build();
    }

    /** The driver's settings, for tests: what the configuration reached. */
    MongoClientSettings clientSettings() {
        return clientSettings;
    }

    /** Throws a {@link MongoException} when the server does not answer within the connect timeout. */
    void ping() {
        database.runCommand(new Document("ping", 1));
    }

    /**
     * Throws a {@link MongoException} when the server does not answer within {@code deadline}: the
     * deadline bounds the whole command, server selection and connecting included, which otherwise
     * wait for the connect timeout (10 s by default) while the server is away.
     */
    void ping(Duration deadline) {
        database.withTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).runCommand(new Document("ping", 1));
    }

    /** The URI as it may be logged: no password, no query parameters. */
    static String masked(ConnectionString connection) {
        var user = connection.getUsername() == null ? "" : connection.getUsername() + ":***@";
        var scheme = connection.isSrvProtocol() ? "mongodb+srv://" : "mongodb://";
        var db = connection.getDatabase() == null ? "" : "/" + connection.getDatabase();
        return scheme + user + String.join(",", connection.getHosts()) + db;
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public void flush() {
        if (commits != null) {
            commits.await();
        }
    }

    /** For tests of the embedded store: documents of a collection read so far (see {@link CopyOnReadCollection}). */
    long documentsRead(String collection) {
        return java.util.Objects.requireNonNull(embedded, "not the embedded store").documentsRead(collection);
    }

    @Override
    public void compact() {
        if (embedded != null) {
            embedded.compact(COMPACT_MILLIS);
        }
    }

    /** The longest one compaction moves chunks: the store serves meanwhile, but more slowly. */
    static final int COMPACT_MILLIS = 2_000;

    /** The embedded file's size and fill rate; null on MongoDB. */
    EmbeddedMongo.@Nullable FileUse fileUse() {
        return embedded == null ? null : embedded.use();
    }

    @Override
    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        client.close();
        if (commits != null) {
            commits.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
