package org.supportbot.store;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A reply as the {@code outbox} collection stores it, and back. The one place that knows its
 * fields; documents stored by earlier versions read the same.
 */
final class OutboxDocument {

    private OutboxDocument() {
    }

    /** A new reply, waiting for the delivery loop to find it. */
    static Document pending(Outbox.Message message, Instant now) {
        return stored(message, now).append("status", Outbox.PENDING).append("attempts", 0);
    }

    /** A new reply, claimed for {@code direct} as it is stored: its first attempt. */
    static Document claimed(Outbox.Message message, Instant now, Outbox.DirectDelivery direct) {
        return stored(message, now).append("status", Outbox.SENDING).append("owner", direct.owner()).append("attempts", 1)
                .append("leaseUntil", Date.from(now.plus(direct.lease())));
    }

    /** What {@link #claimed} stores, as the direct delivery gets it: no read of the document. */
    static Outbox.Entry claimedEntry(Outbox.Message message, Instant now, Outbox.DirectDelivery direct) {
        return new Outbox.Entry(message.id(), message.channel(), message.chat(), message.body(), 1, 0, now, now, false, direct.owner(),
                message.original());
    }

    private static Document stored(Outbox.Message message, Instant now) {
        var at = Date.from(now);
        return new Document("_id", message.id())
                .append("channel", message.channel())
                .append("chat", message.chat())
                .append("body", message.body())
                .append("order", new ObjectId())
                .append("createdAt", at)
                .append("nextAttemptAt", at);
    }

    /**
     * A pending or sending reply read back. Due: pending and its time has come, or claimed by a
     * sender whose lease ran out.
     */
    static Outbox.Entry entry(Document doc, Instant now) {
        var next = doc.getDate("nextAttemptAt").toInstant();
        var leaseUntil = doc.getDate("leaseUntil");
        boolean due = Outbox.PENDING.equals(doc.getString("status"))
                ? !next.isAfter(now)
                : leaseUntil == null || leaseUntil.toInstant().isBefore(now);
        return new Outbox.Entry(doc.getString("_id"), doc.getString("channel"), doc.getString("chat"),
                doc.get("body", Document.class), doc.getInteger("attempts", 0), doc.getInteger("failures", 0), doc.getDate("createdAt").toInstant(), next, due,
                Outbox.SENDING.equals(doc.getString("status")) ? doc.getString("owner") : null);
    }
}
