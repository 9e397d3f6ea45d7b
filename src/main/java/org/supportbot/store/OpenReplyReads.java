package org.supportbot.store;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * How the {@link Outbox} finds its open replies (pending or sending), and what it tells the
 * finder as replies change. Chosen once per outbox, by the store: MongoDB answers the query from
 * an index ({@link ReadsByIndex}); the embedded store has no secondary indexes, so every query on
 * it is a scan, and the outbox keeps the open replies' ids to read them by key ({@link ReadsByKey}).
 */
interface OpenReplyReads {

    static OpenReplyReads of(Store store, MongoCollection<Document> outbox, Clock clock) {
        return store.embedded() ? new ReadsByKey(outbox, clock) : new ReadsByIndex(outbox);
    }

    /**
     * Open replies' documents, oldest first, at most {@code limit}.
     *
     * @param filter which undelivered replies to return, for the query
     * @param keep the same, for a pending or sending reply read by key
     * @param heldBy whose current claims {@code keep} leaves out, if anyone's
     */
    List<Document> find(int limit, Bson filter, Predicate<Document> keep, @Nullable String heldBy);

    /** A reply was stored (pending, or claimed as its document says). */
    void stored(Document doc);

    /** {@code owner} claimed the reply until {@code until}. */
    void held(String id, String owner, Instant until);

    /** {@code owner} gave the reply back, unsent; another's claim stays. */
    void released(String id, String owner);

    /** Every claim was let go. */
    void releasedAll();

    /** The reply is pending again, to be tried later. */
    void retried(String id);

    /** The reply is no longer open: sent, or given up. */
    void closed(String id);
}
