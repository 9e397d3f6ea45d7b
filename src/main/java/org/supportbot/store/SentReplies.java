package org.supportbot.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import org.bson.Document;

/**
 * The {@code outbox_sent} collection: a tombstone (just the id and when) per sent reply, enough
 * to recognise it if a turn interrupted by a crash stores it again.
 */
final class SentReplies {

    static final String COLLECTION = "outbox_sent";

    private final MongoCollection<Document> sent;

    SentReplies(Store store) {
        this.sent = store.database().getCollection(COLLECTION);
    }

    boolean contains(String id) {
        return sent.find(Filters.eq("_id", id)).first() != null;
    }

    /** Records these replies as sent at {@code at}; ones recorded before stay as they are. */
    void add(Collection<String> ids, Instant at) {
        var now = Date.from(at);
        var tombstones = new ArrayList<Document>(ids.size());
        for (var id : new LinkedHashSet<>(ids)) {
            tombstones.add(new Document("_id", id).append("sentAt", now));
        }
        try {
            sent.insertMany(tombstones, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** Forgets replies sent before {@code before}; how many. */
    long purge(Instant before) {
        return sent.deleteMany(Filters.lt("sentAt", Date.from(before))).getDeletedCount();
    }
}
