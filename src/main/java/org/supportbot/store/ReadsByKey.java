package org.supportbot.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * On a store this process alone uses (the embedded one), the open replies, read by key. The
 * query otherwise reads and sorts the whole outbox on the store's one worker thread, holding up
 * every other command: with a backlog of thousands (a flood limit, a slow platform) each read
 * took longer than the replies it found, and intake collapsed. A read for a sender also skips
 * the replies it holds without reading them: under load most open replies are in its workers'
 * hands.
 */
final class ReadsByKey implements OpenReplyReads {

    /** Open replies read by key in one command. */
    private static final int READ_BY_KEY = 500;

    private final MongoCollection<Document> outbox;
    private final Clock clock;
    private final OpenReplies open = new OpenReplies();

    ReadsByKey(MongoCollection<Document> outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The open replies {@code keep} allows, oldest first, read by key a batch at a time. */
    @Override
    public List<Document> find(int limit, Bson filter, Predicate<Document> keep, @Nullable String heldBy) {
        if (!open.complete()) { // once after a start: learn what is open, from then on read by key
            for (var doc : outbox.find(Filters.in("status", Outbox.PENDING, Outbox.SENDING)).projection(Projections.include("_id", "order"))) {
                open.add(doc.getString("_id"), doc.getObjectId("order"));
            }
            open.markComplete();
        }
        var now = clock.instant();
        var found = new ArrayList<Document>();
        var after = (ObjectId) null;
        while (found.size() < limit) {
            var batch = open.next(after, READ_BY_KEY, heldBy, now);
            after = batch.last();
            if (batch.ids().isEmpty()) {
                break;
            }
            var read = new ArrayList<Document>(batch.ids().size());
            var seen = new HashSet<String>();
            for (var doc : outbox.find(Filters.in("_id", batch.ids()))) { // by the _id index
                seen.add(doc.getString("_id"));
                var status = doc.getString("status");
                if (!Outbox.PENDING.equals(status) && !Outbox.SENDING.equals(status)) {
                    open.remove(doc.getString("_id")); // given up
                } else if (keep.test(doc)) {
                    read.add(doc);
                }
            }
            batch.ids().stream().filter(id -> !seen.contains(id)).forEach(open::remove); // sent meanwhile
            read.sort(Comparator.comparing(doc -> doc.getObjectId("order")));
            found.addAll(read.subList(0, Math.min(read.size(), limit - found.size())));
            if (!batch.more()) {
                break;
            }
        }
        return found;
    }

    @Override
    public void stored(Document doc) {
        open.add(doc.getString("_id"), doc.getObjectId("order"));
        if (Outbox.SENDING.equals(doc.getString("status"))) {
            open.hold(doc.getString("_id"), doc.getString("owner"), doc.getDate("leaseUntil").toInstant());
        }
    }

    @Override
    public void held(String id, String owner, Instant until) {
        open.hold(id, owner, until);
    }

    @Override
    public void released(String id, String owner) {
        open.release(id, owner);
    }

    @Override
    public void releasedAll() {
        open.releaseAll();
    }

    @Override
    public void retried(String id) {
        open.unhold(id);
    }

    @Override
    public void closed(String id) {
        open.remove(id);
    }
}
