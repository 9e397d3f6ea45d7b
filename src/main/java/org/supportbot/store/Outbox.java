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
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Replies waiting to be delivered. A reply is stored before it is sent and marked sent after;
 * ids are chosen by the caller so that storing the same reply twice stores it once.
 *
 * <p>States: {@code pending} (waiting, possibly until {@code nextAttemptAt}), {@code sending}
 * (claimed by one sender until its lease ends), {@code sent}, {@code failed} (given up; kept
 * for operators). Thread-safe and safe across instances.
 *
 * <p>The {@code outbox} collection holds only replies not sent yet, so the delivery loop reads a
 * small collection (the embedded store has no secondary indexes: every query on it is a scan).
 * A sent reply moves to {@code outbox_sent}, which keeps just its id: enough to recognise it if a
 * turn interrupted by a crash stores it again.
 */
@Component
public class Outbox {

    static final String COLLECTION = "outbox";
    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    /** A reply to store. */
    public record Message(String id, String channel, String chat, Document body) {
        public Message {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A stored reply not delivered yet.
     *
     * @param claimedBy the sender holding it ({@code sending}), or null
     */
    public record Entry(String id, String channel, String chat, Document body, int attempts, int failures, Instant createdAt,
            Instant nextAttemptAt, boolean due, @Nullable String claimedBy) {

        /** An entry no one holds. */
        public Entry(String id, String channel, String chat, Document body, int attempts, int failures, Instant createdAt,
                Instant nextAttemptAt, boolean due) {
            this(id, channel, chat, body, attempts, failures, createdAt, nextAttemptAt, due, null);
        }
    }

    /**
     * Who takes replies as they are stored, claimed for it already: the delivery loop of this
     * process. Saves it reading the outbox for every new reply and claiming it there (three
     * commands a reply, and on the embedded store each one a scan).
     *
     * @param owner the claim's owner, as in {@link #claimAll}
     * @param lease how long the claim holds, from the moment the reply is stored
     * @param accepts whether a reply to this channel and chat is taken this way; the others are
     *        stored pending, for the delivery loop to find in the outbox
     */
    public record DirectDelivery(String owner, Duration lease, BiPredicate<String, String> accepts) {
    }

    /** Replies stored claimed for the {@link DirectDelivery}, with the {@link #written} count that covers them. */
    private record Claimed(long written, List<Entry> entries) {
    }

    static final String SENT_COLLECTION = "outbox_sent";
    /** Open replies read by key in one command. */
    private static final int READ_BY_KEY = 500;

    private final Store store;
    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> delivered;
    private final Clock clock;
    private final WriteCombiner<String, @Nullable Void> sentMarks = new WriteCombiner<>(256, this::markAllSent);
    /** Counts stores into the outbox; {@link #committed}: how many of those a commit covered. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private volatile @Nullable DirectDelivery direct;
    private final Queue<Claimed> claimedForDirect = new ConcurrentLinkedQueue<>();
    /** Counts stores of pending replies: the delivery loop looks into the outbox when it moves. */
    private final AtomicLong storedPending = new AtomicLong();
    /**
     * On a store this process alone uses (the embedded one), the open replies, read by key. The
     * query otherwise reads and sorts the whole outbox on the store's one worker thread, holding up
     * every other command: with a backlog of thousands (a flood limit, a slow platform) each read
     * took longer than the replies it found, and intake collapsed. A read for a sender also skips
     * the replies it holds without reading them: under load most open replies are in its workers'
     * hands. Null on MongoDB, which answers the query from an index.
     */
    private final @Nullable OpenReplies open;

    Outbox(Store store, Clock clock) {
        this.store = store;
        this.outbox = store.database().getCollection(COLLECTION);
        this.delivered = store.database().getCollection(SENT_COLLECTION);
        this.clock = clock;
        this.open = store.embedded() ? new OpenReplies() : null;
        if (!store.embedded()) { // the embedded store ignores secondary indexes
            outbox.createIndex(Indexes.ascending("status", "order"));
        }
    }

    /** Stores replies in this order; ones stored or sent before (same id) are left as they are. */
    public void enqueue(List<Message> messages) {
        enqueue(messages, true);
    }

    /**
     * Stores replies in this order.
     *
     * @param maySeeAgain false only when these ids cannot have been stored before (the first turn
     *        for a new update), which skips looking for them among sent replies
     */
    public void enqueue(List<Message> messages, boolean maySeeAgain) {
        if (messages.isEmpty()) {
            return;
        }
        var instant = clock.instant();
        var now = Date.from(instant);
        var direct = this.direct;
        var docs = new ArrayList<Document>(messages.size());
        var claimed = new ArrayList<@Nullable Entry>(messages.size());
        boolean anyPending = false;
        for (var message : messages) {
            if (maySeeAgain && delivered.find(Filters.eq("_id", message.id())).first() != null) {
                continue; // sent before this turn was interrupted and taken again
            }
            var doc = new Document("_id", message.id())
                    .append("channel", message.channel())
                    .append("chat", message.chat())
                    .append("body", message.body())
                    .append("order", new ObjectId())
                    .append("createdAt", now)
                    .append("nextAttemptAt", now);
            if (direct != null && direct.accepts().test(message.channel(), message.chat())) {
                doc.append("status", SENDING).append("owner", direct.owner()).append("attempts", 1)
                        .append("leaseUntil", Date.from(instant.plus(direct.lease())));
                claimed.add(new Entry(message.id(), message.channel(), message.chat(), message.body(), 1, 0, instant, instant, false,
                        direct.owner()));
            } else {
                doc.append("status", PENDING).append("attempts", 0);
                claimed.add(null);
                anyPending = true;
            }
            docs.add(doc);
        }
        if (docs.isEmpty()) {
            return;
        }
        var stored = new ArrayList<>(docs);
        try {
            outbox.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Duplicate ids are replies stored by an earlier attempt: exactly what we want to keep.
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != 11000)) {
                throw e;
            }
            for (var error : e.getWriteErrors()) {
                claimed.set(error.getIndex(), null); // stored before, as it was then: not claimed by this
                stored.set(error.getIndex(), null);
            }
        }
        if (open != null) {
            for (var doc : stored) {
                if (doc != null) {
                    open.add(doc.getString("_id"), doc.getObjectId("order"));
                    if (SENDING.equals(doc.getString("status"))) {
                        open.hold(doc.getString("_id"), doc.getString("owner"), doc.getDate("leaseUntil").toInstant());
                    }
                }
            }
        }
        long seen = written.incrementAndGet();
        if (anyPending) {
            storedPending.incrementAndGet();
        }
        var taken = claimed.stream().filter(Objects::nonNull).toList();
        if (!taken.isEmpty()) {
            claimedForDirect.add(new Claimed(seen, taken));
        }
        // No flush here: the caller commits (see commit), or the delivery loop does before it sends.
    }

    /**
     * From now on, stores replies that {@code direct} accepts claimed for it; it takes them with
     * {@link #takeClaimed}. Null: stores every reply pending again.
     */
    public void deliverDirectly(@Nullable DirectDelivery direct) {
        this.direct = direct;
    }

    /**
     * Replies stored claimed for the {@link DirectDelivery} since the last call, in the order they
     * were stored, once committed (this commits what is not). A store still under way comes with a
     * later call.
     */
    public synchronized List<Entry> takeClaimed() {
        if (claimedForDirect.isEmpty()) {
            return List.of();
        }
        flushBeforeSending(); // a reply stored outside a turn (an operator's, a notice) has no commit of its own
        long durable = committed.get();
        var entries = new ArrayList<Entry>();
        for (var iterator = claimedForDirect.iterator(); iterator.hasNext(); ) {
            var batch = iterator.next();
            if (batch.written() <= durable) {
                iterator.remove();
                entries.addAll(batch.entries());
            }
        }
        return entries;
    }

    /** Grows whenever replies are stored pending (not claimed for the {@link DirectDelivery}). */
    public long storedPending() {
        return storedPending.get();
    }

    /**
     * Makes every reply stored so far durable, together with whatever else this process wrote
     * (on the embedded store: one commit).
     */
    public void commit() {
        long seen = written.get();
        store.flush();
        committed.accumulateAndGet(seen, Math::max);
    }

    /** Makes every reply stored so far durable unless a commit already did; call before sending any of them. */
    public void flushBeforeSending() {
        if (committed.get() < written.get()) {
            commit();
        }
    }

    /**
     * Undelivered replies, oldest first, at most {@code limit}. {@code due} tells whether an entry
     * may be sent now: pending and its time has come, or claimed by a sender whose lease ran out.
     */
    public List<Entry> undelivered(int limit) {
        return undelivered(limit, Filters.in("status", PENDING, SENDING), doc -> true, null);
    }

    /**
     * As {@link #undelivered(int)}, leaving out the replies {@code owner} holds a lease on: a
     * sender that has those in hand already needs to see only the rest, and under load they would
     * otherwise fill the {@code limit}.
     */
    public List<Entry> undeliveredExceptHeldBy(String owner, int limit) {
        var now = Date.from(clock.instant());
        return undelivered(limit, Filters.or(Filters.eq("status", PENDING),
                Filters.and(Filters.eq("status", SENDING), Filters.or(Filters.ne("owner", owner), Filters.lt("leaseUntil", now), Filters.eq("leaseUntil", null)))),
                doc -> {
                    if (!SENDING.equals(doc.getString("status")) || !owner.equals(doc.getString("owner"))) {
                        return true;
                    }
                    var leaseUntil = doc.getDate("leaseUntil");
                    return leaseUntil == null || leaseUntil.before(now);
                }, owner);
    }

    /**
     * @param filter which undelivered replies to return, for the query
     * @param keep the same, for a pending or sending reply read by key
     * @param heldBy whose current claims {@code keep} leaves out, if anyone's
     */
    private List<Entry> undelivered(int limit, Bson filter, Predicate<Document> keep, @Nullable String heldBy) {
        var docs = open == null ? outbox.find(filter).sort(Sorts.ascending("order")).limit(limit).into(new ArrayList<>())
                : undeliveredByKey(open, limit, keep, heldBy);
        var now = clock.instant();
        var entries = new ArrayList<Entry>(docs.size());
        for (var doc : docs) {
            var next = doc.getDate("nextAttemptAt").toInstant();
            var leaseUntil = doc.getDate("leaseUntil");
            boolean due = PENDING.equals(doc.getString("status"))
                    ? !next.isAfter(now)
                    : leaseUntil == null || leaseUntil.toInstant().isBefore(now);
            entries.add(new Entry(doc.getString("_id"), doc.getString("channel"), doc.getString("chat"),
                    doc.get("body", Document.class), doc.getInteger("attempts", 0), doc.getInteger("failures", 0), doc.getDate("createdAt").toInstant(), next, due,
                    SENDING.equals(doc.getString("status")) ? doc.getString("owner") : null));
        }
        return entries;
    }

    /** The open replies {@code keep} allows, oldest first, read by key a batch at a time. */
    private List<Document> undeliveredByKey(OpenReplies open, int limit, Predicate<Document> keep, @Nullable String heldBy) {
        if (!open.complete()) { // once after a start: learn what is open, from then on read by key
            for (var doc : outbox.find(Filters.in("status", PENDING, SENDING)).projection(Projections.include("_id", "order"))) {
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
                if (!PENDING.equals(status) && !SENDING.equals(status)) {
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

    /**
     * Takes a due reply for sending by {@code owner} for {@code lease}; false when someone else
     * took it or it is not due any more.
     */
    public boolean claim(String id, String owner, Duration lease) {
        var now = clock.instant();

        var claimed = outbox.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.or(
                        Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now))),
                        Filters.and(Filters.eq("status", SENDING), Filters.lt("leaseUntil", Date.from(now))))),
                Updates.combine(Updates.set("status", SENDING), Updates.set("owner", owner),
                        Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed != null && open != null) {
            open.hold(id, owner, now.plus(lease));
        }
        return claimed != null;
    }

    /**
     * Takes the due ones among these replies for sending by {@code owner} for {@code lease}, in
     * two commands whatever their number.
     *
     * @return the ids taken; the others were taken by someone else or are not due any more
     */
    public Set<String> claimAll(Collection<String> ids, String owner, Duration lease) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        var now = clock.instant();
        var token = owner + "/" + new ObjectId();
        outbox.updateMany(
                Filters.and(Filters.in("_id", ids), Filters.or(
                        Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now))),
                        Filters.and(Filters.eq("status", SENDING), Filters.lt("leaseUntil", Date.from(now))))),
                Updates.combine(Updates.set("status", SENDING), Updates.set("owner", owner), Updates.set("claim", token),
                        Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.inc("attempts", 1)));
        var claimed = new HashSet<String>();
        for (var doc : outbox.find(Filters.and(Filters.in("_id", ids), Filters.eq("claim", token))).projection(Projections.include("_id"))) {
            claimed.add(doc.getString("_id"));
            if (open != null) {
                open.hold(doc.getString("_id"), owner, now.plus(lease));
            }
        }
        return claimed;
    }

    /** Gives back replies {@code owner} claimed but did not try to send: pending and due again, as before the claim. */
    public void release(Collection<String> ids, String owner) {
        if (ids.isEmpty()) {
            return;
        }
        outbox.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", SENDING), Filters.eq("owner", owner)),
                Updates.combine(Updates.set("status", PENDING), Updates.unset("leaseUntil"), Updates.inc("attempts", -1)));
        if (open != null) {
            ids.forEach(id -> open.release(id, owner));
        }
    }

    /**
     * Returns replies that were being sent when this process stopped to {@code pending}. Only for a
     * store no other instance uses (the embedded one): elsewhere leases run out by themselves.
     *
     * @return how many were released
     */
    public long releaseAllClaims() {
        if (open != null) {
            open.releaseAll();
        }
        return outbox.updateMany(Filters.eq("status", SENDING), Updates.combine(Updates.set("status", PENDING),
                Updates.unset("leaseUntil"))).getModifiedCount();
    }

    /**
     * The platform accepted the reply. Durable when this returns: a crash right after it does not
     * send the reply again (on the embedded store the marker is committed, in a group with other
     * writers; before, it waited for the next delivery pass, and kill -9 in bench/reliability
     * sent the replies of a whole pass twice).
     */
    public void markSent(String id) {
        sentMarks.submit(id); // concurrent senders share the commands and the commit
    }

    private List<@Nullable Void> markAllSent(List<String> ids) {
        // The tombstones first: whoever stores these replies again from now on finds them sent.
        var now = Date.from(clock.instant());
        var tombstones = new ArrayList<Document>(ids.size());
        for (var id : new LinkedHashSet<>(ids)) {
            tombstones.add(new Document("_id", id).append("sentAt", now));
        }
        try {
            delivered.insertMany(tombstones, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
        outbox.deleteMany(Filters.in("_id", ids));
        if (open != null) {
            ids.forEach(open::remove);
        }
        store.flush();
        return Collections.nCopies(ids.size(), null);
    }

    /** Sending failed for now; try again at {@code nextAttemptAt}. Counts as a failure (see {@link Entry#failures()}). */
    public void retryAt(String id, Instant nextAttemptAt, @Nullable String error) {
        retryAt(id, nextAttemptAt, error, true);
    }

    /**
     * Sending did not go through for now; try again at {@code nextAttemptAt}.
     *
     * @param failure false when the platform itself said when to come back (Telegram's 429 with
     *        {@code retry_after}): that is no failure of the reply, and must not lengthen its back-off
     */
    public void retryAt(String id, Instant nextAttemptAt, @Nullable String error, boolean failure) {
        var update = Updates.combine(Updates.set("status", PENDING),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt)), Updates.unset("leaseUntil"),
                Updates.set("error", error == null ? "" : error));
        outbox.updateOne(Filters.eq("_id", id), failure ? Updates.combine(update, Updates.inc("failures", 1)) : update);
        if (open != null) {
            open.unhold(id);
        }
    }

    /** Gives up on a reply (kept, with the reason, for operators to see). */
    public void markFailed(String id, String reason) {
        outbox.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", FAILED),
                Updates.set("failedAt", Date.from(clock.instant())), Updates.unset("leaseUntil"), Updates.set("error", reason)));
        if (open != null) {
            open.remove(id);
        }
    }

    /** The status of a reply ({@code pending}, {@code sending}, {@code sent}, {@code failed}), or null when unknown. */
    public @Nullable String status(String id) {
        var doc = outbox.find(Filters.eq("_id", id)).first();
        if (doc != null) {
            return doc.getString("status");
        }
        return delivered.find(Filters.eq("_id", id)).first() == null ? null : SENT;
    }

    /**
     * Forgets replies sent before {@code before}; a turn interrupted longer ago than that and taken
     * again would send its replies again, so keep them longer than recovery can take.
     *
     * @return how many were removed
     */
    public long purgeSent(Instant before) {
        return delivered.deleteMany(Filters.lt("sentAt", Date.from(before))).getDeletedCount();
    }
}
