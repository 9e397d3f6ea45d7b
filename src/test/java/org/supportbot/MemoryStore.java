package org.supportbot;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.supportbot.store.Store;

/** A throw-away in-memory store (mongo-java-server's memory backend) for tests without the application. */
public final class MemoryStore implements Store, AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;

    public MemoryStore() {
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public MongoDatabase database() {
        return client.getDatabase("test");
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
