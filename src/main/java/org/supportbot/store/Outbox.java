package org.supportbot.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * A sent reply moves to {@code outbox_sent} ({@link SentReplies}), which keeps just its id: enough
 * to recognise it if a turn interrupted by a crash stores it again. How open replies are found is
 * chosen once, by the store ({@link OpenReplyReads}); the direct hand-over to this process's
 * delivery loop is {@link DirectHandOver}; the stored document is {@link OutboxDocument}.
 */
@Component
public class Outbox {

    static final String COLLECTION = "outbox";
    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    /**
     * A reply to store.
     *
     * @param body the reply as stored
     * @param original the reply as the caller made it, or null: handed to this process's
     *        {@link DirectDelivery} in {@link Entry#original()}, so that its sender gets the caller's
     *        record itself rather than one decoded again from {@code body}
     */
    public record Message(String id, String channel, String chat, Document body, @Nullable Object original) {
        public Message {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(body, "body");
        }

        /** A reply known only by its stored form. */
        public Message(String id, String channel, String chat, Document body) {
            this(id, channel, chat, body, null);
        }
    }

    /**
     * A stored reply not delivered yet.
     *
     * @param claimedBy the sender holding it ({@code sending}), or null
     * @param original the {@link Message#original()} it was stored with, when handed over directly;
     *        null when read back from the store (decode {@code body} then)
     */
    public record Entry(String id, String channel, String chat, Document body, int attempts, int failures, Instant createdAt,
            Instant nextAttemptAt, boolean due, @Nullable String claimedBy, @Nullable Object original) {

        /** An entry read from the store. */
        public Entry(String id, String channel, String chat, Document body, int attempts, int failures, Instant createdAt,
                Instant nextAttemptAt, boolean due, @Nullable String claimedBy) {
            this(id, channel, chat, body, attempts, failures, createdAt, nextAttemptAt, due, claimedBy, null);
        }

        /** An entry no one holds. */
        public Entry(String id, String channel, String chat, Document body, int attempts, int failures, Instant createdAt,
                Instant nextAttemptAt, boolean due) {
            this(id, channel, chat, body, attempts, failures, createdAt, nextAttemptAt, due, null, null);
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

    private final Store store;
    private final MongoCollection<Document> outbox;
    private final SentReplies delivered;
    private final Clock clock;
    private final WriteCombiner<String, @Nullable Void> sentMarks = new WriteCombiner<>(256, this::markAllSent);
    private final DirectHandOver handOver;
    private final OpenReplyReads open;

    Outbox(Store store, Clock clock) {
        this.store = store;
        this.outbox = store.database().getCollection(COLLECTION);
        this.delivered = new SentReplies(store);
        this.clock = clock;
        this.handOver = new DirectHandOver(store);
        this.open = OpenReplyReads.of(store, outbox, clock);
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
        var now = clock.instant();
        var direct = handOver.direct();
        var docs = new ArrayList<Document>(messages.size());
        var claimed = new ArrayList<@Nullable Entry>(messages.size());
        boolean anyPending = false;
        for (var message : messages) {
            if (maySeeAgain && delivered.contains(message.id())) {
                continue; // sent before this turn was interrupted and taken again
            }
            if (direct != null && direct.accepts().test(message.channel(), message.chat())) {
                docs.add(OutboxDocument.claimed(message, now, direct));
                claimed.add(OutboxDocument.claimedEntry(message, now, direct));
            } else {
                docs.add(OutboxDocument.pending(message, now));
                claimed.add(null);
                anyPending = true;
            }
        }
        if (docs.isEmpty()) {
            return;
        }
        var stored = new ArrayList<@Nullable Document>(docs);
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
        for (var doc : stored) {
            if (doc != null) {
                open.stored(doc);
            }
        }
        handOver.stored(claimed.stream().filter(Objects::nonNull).toList(), anyPending);
        // No flush here: the caller commits (see commit), or the delivery loop does before it sends.
    }

    /**
     * From now on, stores replies that {@code direct} accepts claimed for it; it takes them with
     * {@link #takeClaimed}. Null: stores every reply pending again.
     */
    public void deliverDirectly(@Nullable DirectDelivery direct) {
        handOver.deliverDirectly(direct);
    }

    /**
     * Replies stored claimed for the {@link DirectDelivery} since the last call, in the order they
     * were stored, once committed (this commits what is not). A store still under way comes with a
     * later call.
     */
    public List<Entry> takeClaimed() {
        return handOver.takeClaimed();
    }

    /** Grows whenever replies are stored pending (not claimed for the {@link DirectDelivery}). */
    public long storedPending() {
        return handOver.storedPending();
    }

    /**
     * Makes every reply stored so far durable, together with whatever else this process wrote
     * (on the embedded store: one commit).
     */
    public void commit() {
        handOver.commit();
    }

    /** Makes every reply stored so far durable unless a commit already did; call before sending any of them. */
    public void flushBeforeSending() {
        handOver.flushBeforeSending();
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

    /** See {@link OpenReplyReads#find}. */
    private List<Entry> undelivered(int limit, Bson filter, Predicate<Document> keep, @Nullable String heldBy) {
        var docs = open.find(limit, filter, keep, heldBy);
        var now = clock.instant();
        var entries = new ArrayList<Entry>(docs.size());
        for (var doc : docs) {
            entries.add(OutboxDocument.entry(doc, now));
        }
        return entries;
    }

    /**
     * Takes a due reply for sending by {@code owner} for {@code lease}; false when someone else
     * took it or it is not due any more.
     */
    public boolean claim(String id, String owner, Duration lease) {
        var now = clock.instant();
        var claimed = outbox.findOneAndUpdate(Filters.and(Filters.eq("_id", id), due(now)), claimedBy(owner, now, lease, null),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed != null) {
            open.held(id, owner, now.plus(lease));
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
        outbox.updateMany(Filters.and(Filters.in("_id", ids), due(now)), claimedBy(owner, now, lease, token));
        var claimed = new HashSet<String>();
        for (var doc : outbox.find(Filters.and(Filters.in("_id", ids), Filters.eq("claim", token))).projection(Projections.include("_id"))) {
            claimed.add(doc.getString("_id"));
            open.held(doc.getString("_id"), owner, now.plus(lease));
        }
        return claimed;
    }

    /** Pending and its time has come, or claimed by a sender whose lease ran out. */
    private static Bson due(Instant now) {
        return Filters.or(
                Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now))),
                Filters.and(Filters.eq("status", SENDING), Filters.lt("leaseUntil", Date.from(now))));
    }

    /** @param token marks the claims of one {@link #claimAll}, to read back which it took; null: none */
    private static Bson claimedBy(String owner, Instant now, Duration lease, @Nullable String token) {
        var claim = new ArrayList<Bson>(List.of(Updates.set("status", SENDING), Updates.set("owner", owner)));
        if (token != null) {
            claim.add(Updates.set("claim", token));
        }
        claim.add(Updates.set("leaseUntil", Date.from(now.plus(lease))));
        claim.add(Updates.inc("attempts", 1));
        return Updates.combine(claim);
    }

    /** Gives back replies {@code owner} claimed but did not try to send: pending and due again, as before the claim. */
    public void release(Collection<String> ids, String owner) {
        if (ids.isEmpty()) {
            return;
        }
        outbox.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", SENDING), Filters.eq("owner", owner)),
                Updates.combine(Updates.set("status", PENDING), Updates.unset("leaseUntil"), Updates.inc("attempts", -1)));
        ids.forEach(id -> open.released(id, owner));
    }

    /**
     * Returns replies that were being sent when this process stopped to {@code pending}. Only for a
     * store no other instance uses (the embedded one): elsewhere leases run out by themselves.
     *
     * @return how many were released
     */
    public long releaseAllClaims() {
        open.releasedAll();
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
        delivered.add(ids, clock.instant());
        outbox.deleteMany(Filters.in("_id", ids));
        ids.forEach(open::closed);
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
        open.retried(id);
    }

    /** Gives up on a reply (kept, with the reason, for operators to see). */
    public void markFailed(String id, String reason) {
        outbox.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", FAILED),
                Updates.set("failedAt", Date.from(clock.instant())), Updates.unset("leaseUntil"), Updates.set("error", reason)));
        open.closed(id);
    }

    /** The status of a reply ({@code pending}, {@code sending}, {@code sent}, {@code failed}), or null when unknown. */
    public @Nullable String status(String id) {
        var doc = outbox.find(Filters.eq("_id", id)).first();
        if (doc != null) {
            return doc.getString("status");
        }
        return delivered.contains(id) ? SENT : null;
    }

    /**
     * Forgets replies sent before {@code before}; a turn interrupted longer ago than that and taken
     * again would send its replies again, so keep them longer than recovery can take.
     *
     * @return how many were removed
     */
    public long purgeSent(Instant before) {
        return delivered.purge(before);
    }
}
