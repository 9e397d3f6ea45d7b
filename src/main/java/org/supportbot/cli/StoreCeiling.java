package org.supportbot.cli;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.supportbot.store.Store;

/**
 * The store alone: the documents the engine writes for one message, written straight through the
 * driver with no understanding, no locks and no waiting for other callers, a batch of messages
 * per command from one thread. What it sustains is the most the engine could reach on this store
 * if everything else cost nothing and every message found others to share its commands with.
 *
 * <p>Per message, as {@code ConversationEngine} and the outbox write them: the update into the
 * inbox; the turn into the transcript; the conversation's state; the reply into the outbox
 * (claimed for sending); a commit; the update marked processed; the sent reply's tombstone; the
 * reply out of the outbox; a commit.
 */
final class StoreCeiling {

    /**
     * Messages per second at one batch size, and the CPU the whole process spent per message
     * meanwhile (driver, server, commits: nothing else runs then).
     */
    record Rate(int batch, double messagesPerSecond, double commandsPerSecond, double cpuMillisPerMessage) {
    }

    private static final int COMMANDS_PER_BATCH = 7;

    private final Store store;

    StoreCeiling(Store store) {
        this.store = store;
    }

    /** Writes {@code messages} messages' documents, {@code batch} messages per command, and times it. */
    Rate measure(int batch, int messages, String prefix) {
        var db = store.database();
        var inbox = db.getCollection("inbox");
        var transcript = db.getCollection("messages");
        var conversations = db.getCollection("conversations");
        var outbox = db.getCollection("outbox");
        var sent = db.getCollection("outbox_sent");
        var unordered = new InsertManyOptions().ordered(false);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int first = 0; first < messages; first += batch) {
            int size = Math.min(batch, messages - first);
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
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1e6;
        int batches = (messages + batch - 1) / batch;
        return new Rate(batch, messages / seconds, batches * COMMANDS_PER_BATCH / seconds, cpuMillis / messages);
    }
}
