package org.supportbot.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/** On MongoDB: the open replies by a query on the (status, order) index, which keeps itself up to date. */
final class ReadsByIndex implements OpenReplyReads {

    private final MongoCollection<Document> outbox;

    ReadsByIndex(MongoCollection<Document> outbox) {
        this.outbox = outbox;
        outbox.createIndex(Indexes.ascending("status", "order"));
    }

    @Override
    public List<Document> find(int limit, Bson filter, Predicate<Document> keep, @Nullable String heldBy) {
        return outbox.find(filter).sort(Sorts.ascending("order")).limit(limit).into(new ArrayList<>());
    }

    @Override
    public void stored(Document doc) {
    }

    @Override
    public void held(String id, String owner, Instant until) {
    }

    @Override
    public void released(String id, String owner) {
    }

    @Override
    public void releasedAll() {
    }

    @Override
    public void retried(String id) {
    }

    @Override
    public void closed(String id) {
    }
}
