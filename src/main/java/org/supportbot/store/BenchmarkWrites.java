package org.supportbot.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The documents the engine writes for one message, written straight through the driver with no
 * understanding, no locks and no waiting for other callers: what the benchmark's store ceiling
 * measures. Not for the bot itself.
 *
 * <p>Per message, as {@code ConversationEngine} and the outbox write them: the update into the
 * inbox; the turn into the transcript; the conversation's state; the reply into the outbox
 * (claimed for sending, never due: a running delivery must not take it); a commit; the update
 * marked processed; the sent reply's tombstone; the reply out of the outbox; a commit.
 *
 * <p>Not thread-safe: one caller writes its batches one after another.
 */
public final class BenchmarkWrites {

    /** The commands {@link #write} sends per batch, whatever its size (commits not counted). */
    public static final int COMMANDS_PER_BATCH = 7;

    private final Store store;
    private final MongoCollection<Document> inbox;
    private final MongoCollection<Document> transcript;
    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> sent;
    private final InsertManyOptions unordered = new InsertManyOptions().ordered(false);

    public BenchmarkWrites(Store store) {
        var db = store.database();
        this.store = store;
        this.inbox = db.getCollection(Inbox.COLLECTION);
        this.transcript = db.getCollection("messages");
        this.conversations = db.getCollection("conversations");
        this.outbox = db.getCollection(Outbox.COLLECTION);
        this.sent = db.getCollection(SentReplies.COLLECTION);
    }

    /**
     * Writes the documents of messages {@code first} to {@code first + size - 1}, in
     * {@link #COMMANDS_PER_BATCH} commands and two commits.
     *
     * @param prefix keeps these messages' ids and chats apart from earlier runs'
     */
    public void write(int first, int size, String prefix) {
        var now = new Date();
        var leaseUntil = new Date(now.getTime() + 3_600_000); // never due: the running delivery must not take these
        var updates = new ArrayList<Document>(size);
        var turns = new ArrayList<Document>(size);
        var states = new ArrayList<ReplaceOneModel<Document>>(size);
        var replies = new ArrayList<Document>(size);
        var keys = new ArrayList<String>(size);
        var replyIds = new ArrayList<String>(size);
        for (int i = first; i < first + size; i++) {
            var key = "ceiling:" + prefix + ":" + i;
            var chat = prefix + (i % 1_000);
            var conversation = "ceiling:" + chat;
            var text = "где мой заказ";
            var answer = "Иван, статус заказа виден в личном кабинете, в разделе «Мои заказы». Если что-то ещё — пишите!";
            keys.add(key);
            replyIds.add(key + "#0");
            updates.add(new Document("_id", key).append("conversation", conversation)
                    .append("payload", new Document("channel", "ceiling").append("chat", chat).append("name", "Иван")
                            .append("kind", "text").append("text", text))
                    .append("receivedAt", now).append("processed", false).append("claimedBy", "store-ceiling").append("claimedUntil", leaseUntil));
            turns.add(new Document("_id", key).append("conversation", conversation).append("at", now).append("author", "customer")
                    .append("in", new Document("name", "Иван").append("kind", "text").append("text", text)
                            .append("intent", "order_status").append("confidence", 0.91).append("decision", "answer"))
                    .append("replies", List.of(new Document("kind", "text").append("text", answer).append("buttons", List.of()))));
            states.add(new ReplaceOneModel<>(Filters.eq("_id", conversation), new Document("_id", conversation)
                    .append("channel", "ceiling").append("chat", chat).append("status", "WITH_BOT").append("language", "ru")
                    .append("name", "Иван").append("failures", 0).append("ticket", null).append("handovers", 0)
                    .append("awaitingComment", false).append("relayNotice", false).append("createdAt", now).append("updatedAt", now),
                    new ReplaceOptions().upsert(true)));
            replies.add(new Document("_id", key + "#0").append("channel", "ceiling").append("chat", chat)
                    .append("body", new Document("channel", "ceiling").append("chat", chat).append("kind", "text").append("text", answer)
                            .append("buttons", List.of()))
                    .append("order", new ObjectId()).append("createdAt", now).append("nextAttemptAt", now).append("status", "sending")
                    .append("owner", "store-ceiling").append("attempts", 1).append("leaseUntil", leaseUntil));
        }
        inbox.insertMany(updates, unordered);
        transcript.insertMany(turns, unordered);
        conversations.bulkWrite(states, new BulkWriteOptions().ordered(false));
        outbox.insertMany(replies, unordered);
        store.flush();
        inbox.updateMany(Filters.in("_id", keys), Updates.combine(Updates.set("processed", true), Updates.set("processedAt", now),
                Updates.unset("claimedBy"), Updates.unset("claimedUntil")));
        var tombstones = new ArrayList<Document>(size);
        for (var id : replyIds) {
            tombstones.add(new Document("_id", id).append("sentAt", now));
        }
        sent.insertMany(tombstones, unordered);
        outbox.deleteMany(Filters.in("_id", replyIds));
        store.flush();
    }
}
