package org.supportbot.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;

/**
 * A lease on one job across instances (long polling of a channel: one poller at a time) sharing a store: a document in {@code leases} with its
 * holder and expiry. The holder renews it; when it stops renewing (it died, or lost the store),
 * another instance takes it once it has expired. Time comes from the injected {@link Clock}, so
 * instances should have roughly synchronised clocks (a skew shortens or lengthens the hand-over).
 *
 * <p>Thread-safe; atomic through single-document operations: {@code findOneAndUpdate} to renew or
 * take an expired lease, an insert under the unique {@code _id} to create it (of two instances
 * racing to create it, the second gets a duplicate-key error and loses).
 */
public final class Lease {

    static final String COLLECTION = "leases";

    private final MongoCollection<Document> leases;
    private final String name;
    private final String owner;
    private final Duration duration;
    private final Clock clock;

    /**
     * @param name the job, e.g. {@code telegram-polling}: one lease document per name
     * @param owner this instance, unique among instances
     * @param duration how long the lease lasts without renewal
     */
    public Lease(Store store, String name, String owner, Duration duration, Clock clock) {
        this.leases = store.database().getCollection(COLLECTION);
        this.name = name;
        this.owner = owner;
        this.duration = duration;
        this.clock = clock;
    }

    /** Takes the lease, or renews it if held: true when this owner holds it for {@code duration} from now. */
    public boolean acquire() {
        var now = clock.instant();
        var until = Date.from(now.plus(duration));
        var doc = leases.findOneAndUpdate(
                Filters.and(Filters.eq("_id", name), Filters.or(Filters.eq("owner", owner), Filters.lt("until", Date.from(now)))),
                Updates.combine(Updates.set("owner", owner), Updates.set("until", until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (doc != null) {
            return true;
        }
        if (leases.find(Filters.eq("_id", name)).first() != null) {
            return false; // held by another owner
        }
        try {
            leases.insertOne(new Document("_id", name).append("owner", owner).append("until", until));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // another instance created it first
            }
            throw e;
        }
    }

    /** Gives the lease up now if this owner holds it, so another instance need not wait for it to expire. */
    public void release() {
        leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)), Updates.set("until", new Date(0)));
    }

    /** Who holds the lease, if anyone holds an unexpired one. */
    public String holder() {
        var doc = leases.find(Filters.eq("_id", name)).first();
        if (doc == null || !doc.getDate("until").toInstant().isAfter(clock.instant())) {
            return "";
        }
        return doc.getString("owner");
    }

    public Duration duration() {
        return duration;
    }
}
