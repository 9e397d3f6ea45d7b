package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyedH2BackendTests {

    private static final String DATA = KeyedH2Backend.DATA_PREFIX + MongoStore.DEFAULT_DATABASE + ".";

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
                    .noneMatch(name -> name.endsWith("._index__id_"))
                    .contains(DATA + "inbox" + KeyedH2Backend.BSON_SUFFIX, DATA + "tickets" + KeyedH2Backend.BSON_SUFFIX)
                    .doesNotContain(DATA + "inbox", DATA + "tickets");
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
            assertThat(mvStore.getMapNames().stream().filter(name -> name.contains("scratch"))).as("the documents' maps")
                    .containsExactlyInAnyOrder(DATA + "scratch" + KeyedH2Backend.BSON_SUFFIX, "meta." + MongoStore.DEFAULT_DATABASE + ".scratch",
                            MongoStore.DEFAULT_DATABASE + ".scratch._index__id_" + KeyedH2Backend.KEYED_SUFFIX);
        }
    }

    /** A migration cut short by a crash: part of the new maps written, the old ones still there. */
    @Test
    void redoesAMigrationThatWasCutShort() {
        var file = dir.resolve(EmbeddedMongo.FILE_NAME);
        var server = new MongoServer(new H2Backend(file.toString()));
        try (var client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            var inbox = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("inbox");
            for (int i = 0; i < 300; i++) {
                inbox.insertOne(new Document("_id", "telegram:" + i).append("n", i));
            }
        } finally {
            server.shutdownNow();
        }
        try (var mvStore = new MVStore.Builder().fileName(file.toString()).open()) {
            var documents = mvStore.openMap(DATA + "inbox" + KeyedH2Backend.BSON_SUFFIX,
                    new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(DocumentType.INSTANCE));
            var keys = mvStore.openMap(DATA.substring(KeyedH2Backend.DATA_PREFIX.length()) + "inbox._index__id_" + KeyedH2Backend.KEYED_SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
            for (int i = 0; i < 10; i++) {
                documents.put("telegram:" + i, new de.bwaldvogel.mongo.bson.Document("_id", "telegram:" + i).append("n", i));
                keys.put(new KeyValue("telegram:" + i), "telegram:" + i);
            }
            documents.put("half-written", new de.bwaldvogel.mongo.bson.Document("_id", "half-written"));
            mvStore.commit();
        }

        try (var store = StoreFixture.embedded(dir)) {
            var inbox = store.database().getCollection("inbox");
            assertThat(inbox.countDocuments()).isEqualTo(300);
            assertThat(inbox.find(Filters.eq("_id", "telegram:250")).first()).containsEntry("n", 250);
            assertThat(inbox.find(Filters.eq("_id", "half-written")).first()).isNull();
            assertThatThrownBy(() -> inbox.insertOne(new Document("_id", "telegram:250"))).isInstanceOf(MongoWriteException.class);
        }
        try (var mvStore = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(mvStore.getMapNames()).doesNotContain(DATA + "inbox").noneMatch(name -> name.endsWith("._index__id_"));
        }
    }

    @Test
    void keepsTheDocumentsAndUniqueIndexesOfARenamedCollection() {
        var file = dir.resolve(EmbeddedMongo.FILE_NAME);
        try (var store = StoreFixture.embedded(dir)) {
            var scratch = store.database().getCollection("scratch");
            scratch.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                scratch.insertOne(new Document("_id", "u" + i).append("email", i + "@example.org"));
            }
            scratch.renameCollection(new MongoNamespace(MongoStore.DEFAULT_DATABASE, "users"));
            var users = store.database().getCollection("users");
            assertThat(users.countDocuments()).isEqualTo(50);
            assertThatThrownBy(() -> users.insertOne(new Document("_id", "x").append("email", "7@example.org"))).isInstanceOf(MongoWriteException.class);
        }
        try (var store = StoreFixture.embedded(dir)) {
            var users = store.database().getCollection("users");
            assertThat(users.countDocuments()).isEqualTo(50);
            assertThat(users.find(Filters.eq("_id", "u7")).first()).containsEntry("email", "7@example.org");
            assertThatThrownBy(() -> users.insertOne(new Document("_id", "x").append("email", "7@example.org"))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> users.insertOne(new Document("_id", "u7"))).isInstanceOf(MongoWriteException.class);
            var scratch = store.database().getCollection("scratch");
            assertThat(scratch.countDocuments()).isZero();
            scratch.insertOne(new Document("_id", "u7").append("email", "7@example.org")); // nothing of the old name is left
        }
        try (var mvStore = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            assertThat(mvStore.getMapNames()).doesNotContain(DATA + "users")
                    .contains(DATA + "users" + KeyedH2Backend.BSON_SUFFIX, "meta." + MongoStore.DEFAULT_DATABASE + ".users");
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
