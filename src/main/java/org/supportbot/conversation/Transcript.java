package org.supportbot.conversation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.nlu.Decision;
import org.supportbot.store.Store;

/**
 * The {@code messages} collection: every turn of every conversation — the customer's message, what
 * the bot understood of it, and the bot's replies. Its id is the inbox key, so recording a turn
 * twice records it once.
 */
@Component
class Transcript {

    static final String COLLECTION = "messages";

    private final MongoCollection<Document> messages;
    /** On the embedded store, which ignores secondary indexes: the notices by conversation; null on MongoDB. */
    private final @Nullable NoticeIndex notices;

    Transcript(Store store) {
        this.messages = store.database().getCollection(COLLECTION);
        if (store.embedded()) {
            notices = new NoticeIndex(this::everyNotice);
        } else {
            notices = null;
            messages.createIndex(Indexes.ascending("conversation", "at"));
        }
    }

    /** What the bot made of an inbound message. */
    record Understanding(@Nullable String intent, double confidence, @Nullable Decision decision) {
        static final Understanding NONE = new Understanding(null, 0, null);
    }

    /**
     * Records one turn as one document: what came in, what the bot understood, and its replies
     * (one write per message keeps the embedded store fast).
     */
    void record(String key, InboundMessage inbound, Understanding understanding, List<OutboundMessage> replies, Instant at) {
        insertOnce(turn(key, inbound, understanding, replies, at));
    }

    /** The document {@link #record} writes, for {@link #recordAll}. */
    Document turn(String key, InboundMessage inbound, Understanding understanding, List<OutboundMessage> replies, Instant at) {
        var in = MessageCodec.inbound(inbound);
        in.remove("channel");
        in.remove("chat");
        if (understanding.intent() != null) {
            in.append("intent", understanding.intent()).append("confidence", understanding.confidence());
        }
        if (understanding.decision() != null) {
            in.append("decision", understanding.decision().kind());
            if (understanding.decision() instanceof Decision.Escalate escalate) {
                in.append("reason", escalate.reason().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return new Document("_id", key)
                .append("conversation", inbound.conversation().toString())
                .append("at", Date.from(at))
                .append("author", "customer")
                .append("in", in)
                .append("replies", replyDocuments(replies));
    }

    /** Records turns of several conversations in one command; a turn recorded before is kept as it was. */
    void recordAll(List<Document> turns) {
        if (turns.size() == 1) {
            insertOnce(turns.get(0));
            return;
        }
        try {
            messages.insertMany(turns, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    private static List<Document> replyDocuments(List<OutboundMessage> replies) {
        var out = new ArrayList<Document>(replies.size());
        for (var reply : replies) {
            var doc = MessageCodec.outbound(reply);
            doc.remove("channel");
            doc.remove("chat");
            out.add(doc);
        }
        return out;
    }

    /** Inserts a turn; a duplicate is the same turn, recorded before a crash: the first is kept. */
    private boolean insertOnce(Document turn) {
        try {
            messages.insertOne(turn);
            return true;
        } catch (com.mongodb.MongoWriteException e) {
            if (e.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false; // this process indexed it when it wrote it, or learns it from the store
        }
    }

    /**
     * Records what the bot or an operator said outside a customer's turn (an operator's message,
     * "Anna has joined"), once per key.
     */
    void recordNotice(String key, ConversationId id, String author, @Nullable String authorName, List<OutboundMessage> replies, Instant at) {
        var stored = insertOnce(new Document("_id", key)
                .append("conversation", id.toString())
                .append("at", Date.from(at))
                .append("author", author)
                .append("authorName", authorName)
                .append("replies", replyDocuments(replies)));
        if (stored && notices != null) {
            notices.add(id.toString(), new NoticeIndex.Entry(at, key));
        }
    }

    /** Notices (messages outside a customer's turn) written at or after {@code since}, oldest first, at most {@code limit}. */
    List<CustomerNotice> noticesSince(ConversationId id, Instant since, int limit) {
        var index = notices;
        if (index == null) {
            return noticesByQuery(id, since, limit);
        }
        var keys = index.since(id.toString(), since, limit);
        if (keys.isEmpty()) {
            return List.of();
        }
        var turns = messages.find(Filters.in("_id", keys)).into(new ArrayList<>()); // by the _id index: this conversation's only
        var found = new java.util.HashSet<String>();
        turns.forEach(turn -> found.add(turn.getString("_id")));
        keys.stream().filter(key -> !found.contains(key)).forEach(key -> index.forget(id.toString(), key)); // erased meanwhile
        turns.sort(java.util.Comparator.comparing((Document turn) -> turn.getDate("at")).thenComparing(turn -> turn.getString("_id")));
        return toNotices(id, turns);
    }

    /** {@link #noticesSince} by a query on the (conversation, at) index: on MongoDB, and for tests of the embedded store. */
    List<CustomerNotice> noticesByQuery(ConversationId id, Instant since, int limit) {
        var filter = Filters.and(Filters.eq("conversation", id.toString()), Filters.gte("at", Date.from(since)), Filters.exists("in", false));
        return toNotices(id, messages.find(filter).sort(Sorts.ascending("at")).limit(limit));
    }

    private static List<CustomerNotice> toNotices(ConversationId id, Iterable<Document> turns) {
        var notices = new ArrayList<CustomerNotice>();
        for (var turn : turns) {
            var replies = turn.getList("replies", Document.class, List.of());
            for (int i = 0; i < replies.size(); i++) {
                var reply = new Document(replies.get(i)).append("channel", id.channel()).append("chat", id.chat());
                notices.add(new CustomerNotice(turn.getString("_id") + "#" + i, turn.getDate("at").toInstant(),
                        turn.getString("author") == null ? "bot" : turn.getString("author"), turn.getString("authorName"),
                        MessageCodec.outbound(reply)));
            }
        }
        return notices;
    }

    /** Every notice in the store, for the {@link NoticeIndex} to learn once. */
    private Iterable<Map.Entry<String, NoticeIndex.Entry>> everyNotice() {
        var all = new ArrayList<Map.Entry<String, NoticeIndex.Entry>>();
        for (var turn : messages.find(Filters.exists("in", false)).projection(Projections.include("_id", "conversation", "at"))) {
            all.add(Map.entry(turn.getString("conversation"), new NoticeIndex.Entry(turn.getDate("at").toInstant(), turn.getString("_id"))));
        }
        return all;
    }

    /** The conversation's messages, oldest first, at most {@code limit} of the latest. */
    List<Document> of(ConversationId id, int limit) {
        var latest = new ArrayList<Document>();
        messages.find(Filters.eq("conversation", id.toString())).sort(Sorts.descending("at")).limit(limit).into(latest);
        java.util.Collections.reverse(latest);
        return latest;
    }

    /** Customers' messages that arrived in from {@code from} (inclusive) to {@code to} (exclusive), in no particular order, for reports. */
    void customerTurns(Instant from, Instant to, java.util.function.Consumer<CustomerTurn> consumer) {
        var filter = Filters.and(Filters.gte("at", Date.from(from)), Filters.lt("at", Date.from(to)), Filters.eq("author", "customer"));
        for (var turn : messages.find(filter).projection(new Document("replies", 0))) {
            var in = turn.get("in", Document.class);
            if (in == null) {
                continue;
            }
            consumer.accept(new CustomerTurn(turn.getString("conversation"), turn.getDate("at").toInstant(), displayText(in),
                    in.getString("intent"), in.get("confidence") instanceof Number n ? n.doubleValue() : 0,
                    in.getString("decision"), in.getString("reason")));
        }
    }

    private static String displayText(Document in) {
        var kind = in.getString("kind");
        String text = switch (kind == null ? "text" : kind) {
            case "text" -> in.getString("text");
            case "button" -> "[button] " + in.getString("payload");
            default -> "[" + kind + "]" + (in.getString("text") == null ? "" : " " + in.getString("text"));
        };
        return text == null ? "" : text;
    }

    /** The conversation's messages as operators read them, oldest first, at most {@code limit} turns of the latest. */
    List<TranscriptEntry> entries(ConversationId id, int limit) {
        var entries = new ArrayList<TranscriptEntry>();
        for (var turn : of(id, limit)) {
            var at = turn.getDate("at").toInstant();
            var author = turn.getString("author");
            var in = turn.get("in", Document.class);
            if (in != null) {
                entries.add(new TranscriptEntry(at, "customer", in.getString("name"), displayText(in), in.getString("intent"),
                        in.get("confidence") instanceof Number n ? n.doubleValue() : 0, in.getString("decision"),
                        MessageCodec.attachments(in).stream().map(TranscriptEntry.File::of).toList()));
                author = "bot";
            }
            for (var reply : turn.getList("replies", Document.class, List.of())) {
                var file = reply.get("attachment", Document.class);
                entries.add(new TranscriptEntry(at, author == null ? "bot" : author, turn.getString("authorName"),
                        reply.getString("text") == null ? "" : reply.getString("text"), null, 0, null,
                        file == null ? List.of() : List.of(TranscriptEntry.File.of(MessageCodec.attachment(file)))));
            }
        }
        return entries;
    }
}
