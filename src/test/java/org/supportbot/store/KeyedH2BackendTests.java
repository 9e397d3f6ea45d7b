package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedH2BackendTests {

    @TempDir
    Path dir;

    @Test
    void migratesAFileWrittenByThePlainBackendAndKeepsItsUniqueIndexes() {
        var file = dir.resolve(EmbeddedMongo.FILE_NAME);
        var server = new MongoServer(new H2Backend(file.toString()));
        try (var client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            var inbox = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("inbox");
            var tickets = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("tickets");
            tickets.createIndex(Indexes.ascending("conversation", "number"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                inbox.insertOne(new Document("_id", "telegram:" + i).append("n", i));
                tickets.insertOne(new Document("_id", "t" + i).append("conversation", "web:" + (i % 7)).append("number", (long) i));
            }
        } finally {
            server.shutdownNow();
        }

        try (var store = StoreFixture.embedded(dir)) {
            var inbox = store.database().getCollection("inbox");
            var tickets = store.database().getCollection("tickets");
            var found = inbox.find(Filters.eq("_id", "telegram:321")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(321);
            assertThat(inbox.countDocuments()).isEqualTo(500);
            assertThatThrownBy(() -> inbox.insertOne(new Document("_id", "telegram:499")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "x").append("conversation", "web:3").append("number", 10L)))
                    .isInstanceOf(MongoWriteException.class);
            tickets.insertOne(new Document("_id", "y").append("conversation", "web:3").append("number", 1000L));
            inbox.insertOne(new Document("_id", "telegram:500"));
        }

        try (var mvStore = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(mvStore.getMapNames()).anyMatch(name -> name.endsWith("inbox._index__id_" + KeyedH2Backend.KEYED_SUFFIX))
                    .noneMatch(name -> name.endsWith("._index__id_"));
        }

        try (var store = StoreFixture.embedded(dir)) { // and once more, from the migrated file
            var inbox = store.database().getCollection("inbox");
            assertThat(inbox.find(Filters.eq("_id", "telegram:500")).first()).isNotNull();
            assertThat(inbox.find(Filters.in("_id", "telegram:0", "telegram:250", "telegram:nope")).into(new java.util.ArrayList<>())).hasSize(2);
            assertThatThrownBy(() -> store.database().getCollection("tickets")
                    .insertOne(new Document("_id", "z").append("conversation", "web:3").append("number", 1000L)))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void dropsTheIndexMapsOfADroppedCollection() {
        var file = dir.resolve(EmbeddedMongo.FILE_NAME);
        try (var store = StoreFixture.embedded(dir)) {
            var scratch = store.database().getCollection("scratch");
            scratch.insertOne(new Document("_id", "a"));
            scratch.drop();
            scratch.insertOne(new Document("_id", "a")); // the old key is gone with the collection
            assertThat(scratch.countDocuments()).isEqualTo(1);
        }
        try (var mvStore = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(mvStore.getMapNames().stream().filter(name -> name.contains("scratch._index_"))).hasSize(1);
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
