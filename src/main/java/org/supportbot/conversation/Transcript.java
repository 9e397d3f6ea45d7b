package org.supportbot.conversation;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.nlu.Decision;
import org.supportbot.store.Store;

/**
 * The {@code messages} collection: every message of every conversation, in and out, with what the
 * bot understood. Ids derive from the inbox key, so recording a turn twice records it once.
 */
@Component
class Transcript {

    static final String COLLECTION = "messages";

    private final MongoCollection<Document> messages;

    Transcript(Store store) {
        this.messages = store.database().getCollection(COLLECTION);
        if (!store.embedded()) { // the embedded store ignores secondary indexes
            messages.createIndex(Indexes.ascending("conversation", "at"));
        }
    }

    /** What the bot made of an inbound message. */
    record Understanding(@Nullable String intent, double confidence, @Nullable Decision decision) {
        static final Understanding NONE = new Understanding(null, 0, null);
    }

    void record(String key, InboundMessage inbound, Understanding understanding, List<OutboundMessage> replies, Instant at) {
        var conversation = inbound.conversation().toString();
        var docs = new ArrayList<Document>(replies.size() + 1);
        var in = MessageCodec.inbound(inbound)
                .append("_id", key + "#in")
                .append("conversation", conversation)
                .append("direction", "in")
                .append("at", Date.from(at));
        if (understanding.intent() != null) {
            in.append("intent", understanding.intent()).append("confidence", understanding.confidence());
        }
        if (understanding.decision() != null) {
            in.append("decision", understanding.decision().kind());
            if (understanding.decision() instanceof Decision.Escalate escalate) {
                in.append("reason", escalate.reason().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        docs.add(in);
        for (int i = 0; i < replies.size(); i++) {
            docs.add(MessageCodec.outbound(replies.get(i))
                    .append("_id", key + "#out" + i)
                    .append("conversation", conversation)
                    .append("direction", "out")
                    .append("author", "bot")
                    .append("at", Date.from(at.plusNanos(i + 1))));
        }
        try {
            messages.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
        }
    }

    /** The conversation's messages, oldest first, at most {@code limit} of the latest. */
    List<Document> of(ConversationId id, int limit) {
        var latest = new ArrayList<Document>();
        messages.find(Filters.eq("conversation", id.toString())).sort(Sorts.descending("at")).limit(limit).into(latest);
        java.util.Collections.reverse(latest);
        return latest;
    }
}
