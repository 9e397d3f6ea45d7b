package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * Regression: the H2 backend answered queries with the objects its data maps hold, and updates
 * changed those objects in place. A reply encoded on one server thread while another thread
 * updated the same document came out torn (or failed with a ConcurrentModificationException);
 * a commit serializing the page of such a document could write it torn to the file.
 */
class CopyOnReadCollectionTests {

    private static final String DATA_MAP = KeyedH2Backend.DATA_PREFIX + MongoStore.DEFAULT_DATABASE + ".chats" + KeyedH2Backend.BSON_SUFFIX;

    @Test
    void anUpdateLeavesTheDocumentObjectItReplacesUnchanged() {
        var mvStore = new MVStore.Builder().open();
        var server = new MongoServer(new KeyedH2Backend(mvStore));
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var chats = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("chats");
            chats.insertOne(new Document("_id", "web:1").append("n", 0).append("history", new Document("items", List.of())));
            var data = mvStore.openMap(DATA_MAP, new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(DocumentType.INSTANCE));
            var stored = data.get("web:1");
            var before = stored.cloneDeeply();

            chats.updateOne(Filters.eq("_id", "web:1"), Updates.combine(Updates.inc("n", 1),
                    Updates.push("history.items", new Document("text", "hi")), Updates.set("added", true)));

            assertThat(stored).as("the object stored before the update").isEqualTo(before);
            assertThat(data.get("web:1")).containsEntry("n", 1).containsEntry("added", true);
            assertThat(chats.find().first()).containsEntry("n", 1);
        } finally {
            server.shutdownNow();
            mvStore.close();
        }
    }

    /**
     * On a server with several worker threads, as mongo-java-server binds by default: each reply
     * must show a state the document was in, with its counter and its history in step.
     */
    @Test
    void readersNeverSeeADocumentHalfUpdated() throws Exception {
        var mvStore = new MVStore.Builder().open();
        var server = new MongoServer(new KeyedH2Backend(mvStore));
        var address = server.bind();
        int writers = 3;
        int readers = 3;
        int updates = 300;
        var failures = new ConcurrentLinkedQueue<String>();
        var done = new AtomicBoolean();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers + readers);
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=2000")) {
            var chats = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("chats");
            chats.insertOne(new Document("_id", "web:1").append("n", 0).append("history", new Document("items", List.of())));
            var tasks = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < updates; i++) {
                        // a field added and one removed: the stored document changes shape, not only values
                        chats.updateOne(Filters.eq("_id", "web:1"), Updates.combine(Updates.inc("n", 1),
                                Updates.push("history.items", new Document("by", writer).append("i", i)),
                                Updates.set("f" + (i % 4), i), Updates.unset("f" + ((i + 2) % 4))));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < readers; r++) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    while (!done.get()) {
                        try {
                            var chat = chats.find(Filters.eq("_id", "web:1")).first();
                            int n = chat.getInteger("n");
                            int items = chat.get("history", Document.class).getList("items", Document.class).size();
                            if (n != items) {
                                failures.add("n " + n + " with " + items + " history items");
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            try {
                for (var writer : tasks.subList(0, writers)) {
                    writer.get(120, TimeUnit.SECONDS);
                }
            } finally {
                done.set(true);
            }
            for (var task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
            assertThat(failures).as("torn or failed reads").isEmpty();
            assertThat(chats.find().first().getInteger("n")).isEqualTo(writers * updates);
        } finally {
            pool.shutdownNow();
            server.shutdownNow();
            mvStore.close();
        }
    }

    /**
     * Regression: upstream used the _id index only for a query naming nothing but _id, so the
     * outbox's claims ({@code _id $in …} and a status) and every {@code $and} holding an _id read
     * the whole collection, on the store's one worker thread. Each case checks the answer and how
     * many documents were read for it.
     */
    @Test
    void aQueryThatPinsAUniqueKeyReadsOnlyTheDocumentsItAllows() {
        var mvStore = new MVStore.Builder().open();
        var backend = new KeyedH2Backend(mvStore);
        var server = new MongoServer(backend);
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var items = client.getDatabase(MongoStore.DEFAULT_DATABASE).getCollection("items");
            items.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            var docs = new ArrayList<Document>();
            for (int i = 0; i < 1_000; i++) {
                docs.add(new Document("_id", "c:" + i).append("key", "k" + i).append("status", i % 2 == 0 ? "pending" : "sent").append("n", i));
            }
            items.insertMany(docs);
            var collection = (CopyOnReadCollection) backend.resolveDatabase(MongoStore.DEFAULT_DATABASE).resolveCollection("items", false);
            var some = List.of("c:1", "c:2", "c:3", "c:4", "c:999", "c:none");

            long before = collection.documentsRead();
            assertThat(ids(items.find(Filters.and(Filters.in("_id", some), Filters.eq("status", "pending")))))
                    .as("$and of _id $in and a status").containsExactlyInAnyOrder("c:2", "c:4");
            assertThat(collection.documentsRead() - before).isLessThanOrEqualTo(5);

            before = collection.documentsRead();
            var flat = new Document("_id", new Document("$in", some)).append("status", "sent");
            assertThat(ids(items.find(flat))).as("_id $in beside a status").containsExactlyInAnyOrder("c:1", "c:3", "c:999");
            assertThat(collection.documentsRead() - before).isLessThanOrEqualTo(5);

            before = collection.documentsRead();
            assertThat(ids(items.find(Filters.and(Filters.in("_id", some), Filters.or(Filters.eq("status", "pending"), Filters.gt("n", 500))))
                    .sort(Sorts.descending("n")).limit(2))).as("sorted and limited").containsExactly("c:999", "c:4");
            assertThat(collection.documentsRead() - before).isLessThanOrEqualTo(5);

            before = collection.documentsRead();
            assertThat(ids(items.find(Filters.and(Filters.eq("key", "k7"), Filters.eq("status", "sent"))))).as("a secondary unique key")
                    .containsExactly("c:7");
            assertThat(ids(items.find(Filters.and(Filters.eq("key", "k7"), Filters.eq("status", "pending"))))).isEmpty();
            assertThat(collection.documentsRead() - before).isLessThanOrEqualTo(2);

            before = collection.documentsRead();
            var updated = items.updateMany(Filters.and(Filters.in("_id", some), Filters.eq("status", "pending")), Updates.set("status", "sending"));
            assertThat(updated.getModifiedCount()).isEqualTo(2);
            var deleted = items.deleteMany(Filters.and(Filters.in("_id", some), Filters.eq("status", "sent")));
            assertThat(deleted.getDeletedCount()).isEqualTo(3);
            assertThat(collection.documentsRead() - before).as("the update and the delete").isLessThanOrEqualTo(10);
            assertThat(ids(items.find(Filters.eq("status", "sending")))).containsExactlyInAnyOrder("c:2", "c:4");
            assertThat(items.countDocuments()).isEqualTo(997);

            // Nothing pinned (or pinned by an operator no index answers): the whole collection, still the right answer.
            assertThat(ids(items.find(Filters.and(Filters.gt("_id", "c:997"), Filters.eq("status", "pending"))))).containsExactly("c:998");
            assertThat(ids(items.find(Filters.and(Filters.in("_id", List.of()), Filters.eq("status", "pending"))))).isEmpty();
            assertThat(items.countDocuments(Filters.or(Filters.eq("_id", "c:10"), Filters.eq("status", "sending")))).isEqualTo(3);
        } finally {
            server.shutdownNow();
            mvStore.close();
        }
    }

    private static List<String> ids(Iterable<Document> found) {
        var ids = new ArrayList<String>();
        found.forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }
}
