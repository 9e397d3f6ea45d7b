package org.supportbot.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every update a platform delivered, stored before the platform is told it arrived, under a
 * unique key (channel and platform update id) so that a redelivery is recognised.
 *
 * <p>Thread-safe; safe across application instances sharing one database (claims are atomic
 * single-document updates).
 */
@Component
public class Inbox {

    static final String COLLECTION = "inbox";

    /** What {@link #store} found. */
    public enum Receipt {
        /** First delivery: process it. */
        NEW,
        /** Delivered before but not processed yet (e.g. the process crashed): process it. */
        PENDING,
        /** Delivered and processed before: a redelivery, ignore it. */
        DONE
    }

    /** A stored update. */
    public record Entry(String key, String conversation, Document payload, Instant receivedAt) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(payload, "payload");
        }
    }

    private final Store store;
    private final MongoCollection<Document> inbox;
    private final Clock clock;
    private final WriteCombiner<Document, Receipt> inserts = new WriteCombiner<>(256, this::insertAll);
    /**
     * On a store this process alone uses (the embedded one): the keys of updates stored and not
     * processed, so that {@link #unclaimed} looks them up by key. Its query otherwise reads the
     * whole inbox — a week of updates — every 30 s, holding the collection meanwhile (0.3 s for
     * 200,000 updates). Complete once {@link #openKnown} is set by a first full read.
     */
    private final @Nullable Set<String> openHere;
    private volatile boolean openKnown;

    Inbox(Store store, Clock clock) {
        this.store = store;
        this.inbox = store.database().getCollection(COLLECTION);
        this.clock = clock;
        this.openHere = store.embedded() ? ConcurrentHashMap.newKeySet() : null;
        if (!store.embedded()) { // the embedded store ignores secondary indexes
            inbox.createIndex(Indexes.ascending("processed", "receivedAt"));
        }
    }

    /**
     * Stores an update durably, once.
     *
     * @param key unique across platforms, e.g. {@code telegram:123456}
     * @param conversation the conversation it belongs to, for recovery in order
     * @param payload the update as the channel wants it back
     */
    public Receipt store(String key, String conversation, Document payload) {
        var receipt = store(key, conversation, payload, null, Duration.ZERO);
        store.flush();
        return receipt;
    }

    /**
     * Stores an update once, and when it is new, claims it for {@code owner} right away (as
     * {@link #claim} would) — saving a round trip on the hot path. Concurrent calls share one
     * insert. Not yet committed on the embedded store: {@link Store#flush()} before telling the
     * platform the update arrived.
     */
    public Receipt store(String key, String conversation, Document payload, @Nullable String owner, Duration lease) {
        var instant = clock.instant();
        var doc = new Document("_id", key)
                .append("conversation", conversation)
                .append("payload", payload)
                .append("receivedAt", Date.from(instant))
                .append("processed", false);
        if (owner != null) {
            doc.append("claimedBy", owner).append("claimedUntil", Date.from(instant.plus(lease)));
        }
        return inserts.submit(doc);
    }

    private List<Receipt> insertAll(List<Document> docs) {
        var receipts = new ArrayList<Receipt>(Collections.nCopies(docs.size(), Receipt.NEW));
        var seenBefore = new HashMap<String, Integer>();
        try {
            inbox.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                seenBefore.put(docs.get(error.getIndex()).getString("_id"), error.getIndex());
            }
        }
        if (!seenBefore.isEmpty()) {
            for (var index : seenBefore.values()) {
                receipts.set(index, Receipt.PENDING);
            }
            for (var existing : inbox.find(Filters.and(Filters.in("_id", seenBefore.keySet()), Filters.eq("processed", true)))
                    .projection(Projections.include("_id"))) {
                receipts.set(seenBefore.get(existing.getString("_id")), Receipt.DONE);
            }
        }
        if (openHere != null) {
            for (int i = 0; i < docs.size(); i++) {
                if (receipts.get(i) != Receipt.DONE) {
                    openHere.add(docs.get(i).getString("_id"));
                }
            }
        }
        return receipts;
    }

    /**
     * Takes an unprocessed update for processing by {@code owner} for {@code lease}. False when it
     * is processed already or another owner holds a lease on it, so concurrent redeliveries of one
     * update are processed once.
     */
    public boolean claim(String key, String owner, Duration lease) {
        var now = clock.instant();
        var claimed = inbox.findOneAndUpdate(
                Filters.and(Filters.eq("_id", key), Filters.eq("processed", false),
                        Filters.or(Filters.exists("claimedUntil", false), Filters.lt("claimedUntil", Date.from(now)), Filters.eq("claimedBy", owner))),
                Updates.combine(Updates.set("claimedBy", owner), Updates.set("claimedUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return claimed != null;
    }

    /** Records that an update's effects (transcript, replies in the outbox) are stored. */
    public void markProcessed(String key) {
        markProcessed(List.of(key));
    }

    /** Records that these updates' effects are stored, in one command. */
    public void markProcessed(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        inbox.updateMany(Filters.in("_id", keys), Updates.combine(
                Updates.set("processed", true), Updates.set("processedAt", Date.from(clock.instant())),
                Updates.unset("claimedBy"), Updates.unset("claimedUntil")));
        if (openHere != null) {
            openHere.removeAll(keys);
        }
        // No flush: if this is lost in a crash, the update is processed again, and its replies,
        // stored under the same ids, are recognised as stored (or sent) already.
    }

    /** Updates stored but not processed, oldest first (for recovery after a crash). */
    public List<Entry> unprocessed(int limit) {
        var entries = new ArrayList<Entry>();
        for (var doc : inbox.find(Filters.eq("processed", false)).sort(Sorts.ascending("receivedAt")).limit(limit)) {
            entries.add(new Entry(doc.getString("_id"), doc.getString("conversation"), doc.get("payload", Document.class),
                    doc.getDate("receivedAt").toInstant()));
        }
        return entries;
    }

    /**
     * Updates stored but not processed that no one holds a claim on (never claimed, or the claim
     * ran out: its process died), oldest first, at most {@code limit}.
     */
    public List<Entry> unclaimed(Instant now, int limit) {
        var open = openHere;
        if (open != null && openKnown) {
            return unclaimedAmong(List.copyOf(open), now, limit);
        }
        var entries = new ArrayList<Entry>();
        // The query of unprocessed(), which MongoDB answers from the (processed, receivedAt) index;
        // whether a claim ran out is checked here, where it costs nothing.
        boolean readAll = true;
        for (var doc : inbox.find(Filters.eq("processed", false)).sort(Sorts.ascending("receivedAt"))) {
            if (open != null) {
                open.add(doc.getString("_id"));
            }
            var claimedUntil = doc.getDate("claimedUntil");
            if (claimedUntil != null && claimedUntil.toInstant().isAfter(now)) {
                continue;
            }
            if (entries.size() == limit) {
                readAll = false;
                break;
            }
            entries.add(entry(doc));
        }
        if (open != null && readAll) {
            openKnown = true; // from now on every open update passes through store() and markProcessed()
        }
        return entries;
    }

    /** {@link #unclaimed} among these keys, read by key; forgets the ones processed or gone. */
    private List<Entry> unclaimedAmong(List<String> keys, Instant now, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var open = Objects.requireNonNull(openHere);
        var found = new HashSet<String>();
        var entries = new ArrayList<Entry>();
        for (var doc : inbox.find(Filters.in("_id", keys))) { // by the _id index
            var key = doc.getString("_id");
            found.add(key);
            if (doc.getBoolean("processed", false)) {
                open.remove(key);
                continue;
            }
            var claimedUntil = doc.getDate("claimedUntil");
            if (claimedUntil == null || !claimedUntil.toInstant().isAfter(now)) {
                entries.add(entry(doc));
            }
        }
        keys.stream().filter(key -> !found.contains(key)).forEach(open::remove);
        entries.sort(Comparator.comparing(Entry::receivedAt));
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    private static Entry entry(Document doc) {
        return new Entry(doc.getString("_id"), doc.getString("conversation"), doc.get("payload", Document.class),
                doc.getDate("receivedAt").toInstant());
    }

    /**
     * Lets go of every claim on unprocessed updates. Only for a store this process alone uses,
     * at start-up: claims found then were left by a process that died (a crash), and waiting for
     * them to run out would leave those customers unanswered meanwhile.
     *
     * @return how many claims were let go
     */
    public long releaseAllClaims() {
        return inbox.updateMany(Filters.and(Filters.eq("processed", false), Filters.exists("claimedBy")),
                Updates.combine(Updates.unset("claimedBy"), Updates.unset("claimedUntil"))).getModifiedCount();
    }

    /** Whether an update was processed. */
    public boolean isProcessed(String key) {
        var doc = inbox.find(Filters.eq("_id", key)).first();
        return doc != null && doc.getBoolean("processed", false);
    }

    /**
     * Forgets processed updates received before {@code before}; a redelivery older than that
     * would be processed again, so keep it longer than any platform redelivers.
     *
     * @return how many were removed
     */
    public long purgeProcessed(Instant before) {
        return inbox.deleteMany(Filters.and(Filters.eq("processed", true), Filters.lt("receivedAt", Date.from(before)))).getDeletedCount();
    }
}
