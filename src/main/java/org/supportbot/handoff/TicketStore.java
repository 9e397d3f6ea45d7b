package org.supportbot.handoff;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.knowledge.Language;
import org.supportbot.store.Store;

/**
 * The {@code tickets} collection. Every change is one atomic single-document update whose filter
 * states what the change expects (e.g. "still waiting"), so that two instances can never both
 * win. The unique {@code key} makes opening idempotent.
 */
@Component
class TicketStore {

    static final String COLLECTION = "tickets";
    /** A link to a ticket not stored yet is left alone this long: its hand-over may still be storing it. */
    static final Duration UNSTORED_LINK_AGE = Duration.ofSeconds(30);
    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> tickets;
    private final MongoCollection<Document> counters;
    /** One document per conversation with an open ticket: {@code _id} the conversation, {@code ticket} its number. */
    private final MongoCollection<Document> openTickets;
    /**
     * The open tickets only, as small summaries: what the queue questions (position, next in line,
     * overdue, held by whom) read, instead of every ticket ever (the embedded store scans).
     */
    private final MongoCollection<Document> board;
    /** On the embedded store, the waiting tickets in order: what {@link #ahead} counts there. Null on MongoDB, which counts from an index. */
    private final @Nullable WaitingLine waitingLine;

    TicketStore(Store store) {
        this.tickets = store.database().getCollection(COLLECTION);
        this.counters = store.database().getCollection("counters");
        this.openTickets = store.database().getCollection("open_tickets");
        this.board = store.database().getCollection("ticket_board");
        this.waitingLine = store.embedded() ? new WaitingLine(this::waitingOnBoard, System::nanoTime) : null;
        tickets.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        if (!store.embedded()) { // the embedded store ignores secondary indexes that are not unique
            tickets.createIndex(Indexes.ascending("conversation", "openedAt"));
            tickets.createIndex(Indexes.ascending("status", "queue", "priority", "openedAt"));
            tickets.createIndex(Indexes.ascending("operator", "status"));
            tickets.createIndex(Indexes.ascending("queue", "status", "closedAt"));
            board.createIndex(Indexes.ascending("status", "queue", "priority", "openedAt"));
        }
    }

    long nextNumber() {
        var doc = counters.findOneAndUpdate(Filters.eq("_id", COLLECTION), Updates.inc("seq", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) doc.get("seq")).longValue();
    }

    /** Inserts a new ticket; empty when one with its key exists already. */
    Optional<Ticket> insert(Document ticket) {
        try {
            tickets.insertOne(ticket);
            return Optional.of(sync(toTicket(ticket)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<Ticket> find(long number) {
        return Optional.ofNullable(tickets.find(Filters.eq("_id", number)).first()).map(TicketStore::toTicket);
    }

    Optional<Ticket> byKey(String key) {
        return Optional.ofNullable(tickets.find(Filters.eq("key", key)).first()).map(TicketStore::toTicket);
    }

    /** The conversation's open ticket: a lookup by {@code _id} twice, cheap on any store. */
    Optional<Ticket> openFor(String conversation) {
        var link = openTickets.find(Filters.eq("_id", conversation)).first();
        if (link == null) {
            return Optional.empty();
        }
        return find(((Number) link.get("ticket")).longValue()).filter(Ticket::isOpen);
    }

    /**
     * Makes {@code number} the conversation's open ticket, unless it has another one open: the
     * unique {@code _id} decides between instances. A link to a ticket that is closed is taken
     * over; so is one to a ticket that was never stored, once it is older than
     * {@link #UNSTORED_LINK_AGE}: a crash came between the two writes. A younger one may be a
     * hand-over of the same conversation on another thread, between its link and its ticket.
     */
    boolean link(String conversation, long number, Instant now) {
        try {
            openTickets.insertOne(new Document("_id", conversation).append("ticket", number).append("linkedAt", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        var link = openTickets.find(Filters.eq("_id", conversation)).first();
        if (link == null) {
            return link(conversation, number, now); // unlinked meanwhile
        }
        long linked = ((Number) link.get("ticket")).longValue();
        if (linked == number) {
            return true;
        }
        var ticket = find(linked);
        if (ticket.filter(Ticket::isOpen).isPresent()) {
            return false;
        }
        var linkedAt = link.getDate("linkedAt");
        if (ticket.isEmpty() && linkedAt != null && linkedAt.toInstant().isAfter(now.minus(UNSTORED_LINK_AGE))) {
            return false; // being opened right now
        }
        return openTickets.updateOne(Filters.and(Filters.eq("_id", conversation), Filters.eq("ticket", linked)),
                Updates.combine(Updates.set("ticket", number), Updates.set("linkedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /** The ticket is closed: the conversation has no open ticket any more. */
    void unlink(String conversation, long number) {
        openTickets.deleteOne(Filters.and(Filters.eq("_id", conversation), Filters.eq("ticket", number)));
    }

    /** Applies {@code update} if the ticket still matches {@code expected}; the ticket after, or empty. */
    Optional<Ticket> update(long number, Bson expected, Bson update) {
        return Optional.ofNullable(tickets.findOneAndUpdate(Filters.and(Filters.eq("_id", number), expected), update, AFTER))
                .map(TicketStore::toTicket).map(this::sync);
    }

    /** Brings the ticket's summary on the board in line with the ticket: there while open, gone when closed. */
    private Ticket sync(Ticket ticket) {
        if (ticket.isOpen()) {
            board.replaceOne(Filters.eq("_id", ticket.number()), new Document("_id", ticket.number())
                    .append("status", ticket.status().code())
                    .append("queue", ticket.queue())
                    .append("priority", ticket.priority())
                    .append("openedAt", Date.from(ticket.openedAt()))
                    .append("operator", ticket.operator())
                    .append("slaDueAt", Date.from(ticket.slaDueAt()))
                    .append("overdue", ticket.overdue()), new ReplaceOptions().upsert(true));
        } else {
            board.deleteOne(Filters.eq("_id", ticket.number()));
        }
        if (waitingLine != null) {
            waitingLine.changed(ticket);
        }
        return ticket;
    }

    private List<WaitingLine.Place> waitingOnBoard() {
        var places = new ArrayList<WaitingLine.Place>();
        for (var summary : board.find(Filters.eq("status", TicketStatus.WAITING.code()))
                .projection(Projections.include("queue", "priority", "openedAt"))) {
            places.add(new WaitingLine.Place(summary.getString("queue"), summary.getInteger("priority", 0),
                    summary.getDate("openedAt").toInstant(), ((Number) summary.get("_id")).longValue()));
        }
        return places;
    }

    /**
     * The open tickets the board lists under {@code filter}, read whole. A summary that no longer
     * matches its ticket (a crash between the two writes) is mended and left out.
     */
    private List<Ticket> fromBoard(Bson filter, Bson sort, int limit) {
        var found = board.find(filter).sort(sort);
        if (limit > 0) {
            found = found.limit(limit);
        }
        var result = new ArrayList<Ticket>();
        for (var summary : found) {
            var ticket = find(((Number) summary.get("_id")).longValue()).orElse(null);
            if (ticket == null) {
                board.deleteOne(Filters.eq("_id", summary.get("_id")));
                if (waitingLine != null) {
                    waitingLine.gone(((Number) summary.get("_id")).longValue());
                }
            } else if (!ticket.status().code().equals(summary.getString("status")) || !ticket.queue().equals(summary.getString("queue"))
                    || ticket.priority() != summary.getInteger("priority", 0) || ticket.overdue() != summary.getBoolean("overdue", false)) {
                sync(ticket);
            } else {
                result.add(ticket);
            }
        }
        return result;
    }

    /** Waiting tickets, first to be served first: higher priority, then longer waiting. */
    List<Ticket> waiting(@Nullable String queue) {
        var filter = queue == null ? Filters.eq("status", "waiting") : Filters.and(Filters.eq("status", "waiting"), Filters.eq("queue", queue));
        return fromBoard(filter, Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("openedAt"), Sorts.ascending("_id")), 0);
    }

    /** The first ticket its queue will serve, if any waits. */
    Optional<Ticket> firstWaiting(String queue) {
        return fromBoard(Filters.and(Filters.eq("status", "waiting"), Filters.eq("queue", queue)),
                Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("openedAt"), Sorts.ascending("_id")), 1).stream().findFirst();
    }

    /** How many waiting tickets of its queue go before this one. */
    long ahead(Ticket ticket) {
        if (waitingLine != null) {
            return waitingLine.ahead(ticket);
        }
        var openedAt = Date.from(ticket.openedAt());
        return board.countDocuments(Filters.and(Filters.eq("status", "waiting"), Filters.eq("queue", ticket.queue()), Filters.or(
                Filters.gt("priority", ticket.priority()),
                Filters.and(Filters.eq("priority", ticket.priority()), Filters.lt("openedAt", openedAt)),
                Filters.and(Filters.eq("priority", ticket.priority()), Filters.eq("openedAt", openedAt), Filters.lt("_id", ticket.number())))));
    }

    List<Ticket> assignedTo(String operator) {
        return fromBoard(Filters.and(Filters.eq("status", "assigned"), Filters.eq("operator", operator)), Sorts.ascending("openedAt"), 0);
    }

    List<Ticket> open() {
        return fromBoard(new Document(), Sorts.ascending("openedAt"), 0);
    }

    /** Tickets of the conversation, newest first. */
    List<Ticket> ofConversation(String conversation, int limit) {
        return list(Filters.eq("conversation", conversation), Sorts.descending("openedAt"), limit);
    }

    /** The last resolved tickets of a queue, newest first: what the wait estimate learns from. */
    List<Ticket> recentlyResolved(String queue, int limit) {
        return list(Filters.and(Filters.eq("queue", queue), Filters.eq("status", "resolved")), Sorts.descending("closedAt"), limit);
    }

    /** The last tickets of a queue an operator took, newest first. */
    List<Ticket> recentlyAssigned(String queue, int limit) {
        return list(Filters.and(Filters.eq("queue", queue), Filters.exists("assignedAt", true), Filters.ne("assignedAt", null)),
                Sorts.descending("assignedAt"), limit);
    }

    List<Ticket> overdueCandidates(Instant now) {
        return fromBoard(Filters.and(Filters.eq("status", "waiting"), Filters.ne("overdue", true), Filters.lt("slaDueAt", Date.from(now))),
                Sorts.ascending("slaDueAt"), 0);
    }

    /** Tickets in a period, by opening time: for reports. */
    List<Ticket> openedBetween(Instant from, Instant to) {
        return list(Filters.and(Filters.gte("openedAt", Date.from(from)), Filters.lt("openedAt", Date.from(to))), Sorts.ascending("openedAt"), 0);
    }

    private List<Ticket> list(Bson filter, Bson sort, int limit) {
        var found = tickets.find(filter).sort(sort);
        if (limit > 0) {
            found = found.limit(limit);
        }
        var result = new ArrayList<Ticket>();
        for (var doc : found) {
            result.add(toTicket(doc));
        }
        return result;
    }

    static Document step(Instant at, String action, @Nullable String by, @Nullable String detail) {
        return new Document("at", Date.from(at)).append("action", action).append("by", by).append("detail", detail);
    }

    static Document line(Ticket.Line line) {
        return new Document("author", line.author()).append("text", line.text()).append("at", Date.from(line.at()))
                .append("intent", line.intent()).append("confidence", line.confidence());
    }

    static Ticket toTicket(Document doc) {
        var transcript = new ArrayList<Ticket.Line>();
        for (var line : doc.getList("transcript", Document.class, List.of())) {
            transcript.add(new Ticket.Line(line.getString("author"), line.getString("text"), instant(line, "at"),
                    line.getString("intent"), line.get("confidence") instanceof Number n ? n.doubleValue() : 0));
        }
        var history = new ArrayList<Ticket.Step>();
        for (var step : doc.getList("history", Document.class, List.of())) {
            history.add(new Ticket.Step(instant(step, "at"), step.getString("action"), step.getString("by"), step.getString("detail")));
        }
        return new Ticket(((Number) doc.get("_id")).longValue(), doc.getString("conversation"), doc.getString("channel"),
                doc.getString("customerName"), Language.fromCode(doc.getString("language")).orElse(Language.RU),
                doc.getString("intent"), doc.getString("reason"), doc.getString("queue"), doc.getInteger("priority", 0),
                TicketStatus.fromCode(doc.getString("status")), doc.getString("operator"), doc.getString("operatorName"),
                instant(doc, "openedAt"), instantOrNull(doc, "assignedAt"), instantOrNull(doc, "firstResponseAt"),
                instantOrNull(doc, "closedAt"), instant(doc, "slaDueAt"), doc.getBoolean("overdue", false),
                doc.getInteger("csat"), doc.getString("comment"), transcript, history);
    }

    private static Instant instant(Document doc, String field) {
        var date = doc.getDate(field);
        return date == null ? Instant.EPOCH : date.toInstant();
    }

    private static @Nullable Instant instantOrNull(Document doc, String field) {
        var date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
