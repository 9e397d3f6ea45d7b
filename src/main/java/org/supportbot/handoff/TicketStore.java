package org.supportbot.handoff;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
 * The {@code tickets} collection, the conversations' links to their open ticket, and the
 * {@link TicketBoard board} of open tickets. Every change is one atomic single-document update
 * whose filter states what the change expects (e.g. "still waiting"), so that two instances can
 * never both win; each method is named for the change and answers the ticket after it, or empty
 * when the ticket was not as expected. The unique {@code key} makes opening idempotent.
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
    private final TicketBoard board;

    TicketStore(Store store) {
        this.tickets = store.database().getCollection(COLLECTION);
        this.counters = store.database().getCollection("counters");
        this.openTickets = store.database().getCollection("open_tickets");
        this.board = new TicketBoard(store.database().getCollection("ticket_board"), store.embedded(), this::find);
        tickets.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        if (!store.embedded()) { // the embedded store ignores secondary indexes that are not unique
            tickets.createIndex(Indexes.ascending("conversation", "openedAt"));
            tickets.createIndex(Indexes.ascending("status", "queue", "priority", "openedAt"));
            tickets.createIndex(Indexes.ascending("operator", "status"));
            tickets.createIndex(Indexes.ascending("queue", "status", "closedAt"));
        }
    }

    long nextNumber() {
        var doc = counters.findOneAndUpdate(Filters.eq("_id", COLLECTION), Updates.inc("seq", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) doc.get("seq")).longValue();
    }

    /**
     * Stores a new ticket, waiting in {@code queue}; empty when one with the hand-over's key exists
     * already.
     *
     * @param transcript the lines to keep (the caller trims the escalation's)
     */
    Optional<Ticket> insert(long number, Escalation escalation, List<Ticket.Line> transcript, String queue, int priority,
            Instant slaDueAt, Instant now) {
        var doc = new Document("_id", number)
                .append("key", escalation.key())
                .append("conversation", escalation.conversation())
                .append("channel", escalation.channel())
                .append("customerName", escalation.customerName())
                .append("language", escalation.language().code())
                .append("intent", escalation.intent())
                .append("reason", escalation.reason())
                .append("queue", queue)
                .append("priority", priority)
                .append("status", TicketStatus.WAITING.code())
                .append("openedAt", Date.from(now))
                .append("slaDueAt", Date.from(slaDueAt))
                .append("overdue", false)
                .append("frontNotified", false)
                .append("transcript", transcript.stream().map(TicketStore::line).toList())
                .append("context", new Document(new java.util.LinkedHashMap<String, Object>(escalation.context())))
                .append("history", List.of(step(now, "opened", null, escalation.reason() + (escalation.intent() == null ? "" : ", " + escalation.intent()))));
        try {
            tickets.insertOne(doc);
            return Optional.of(board.sync(toTicket(doc)));
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

    /** The waiting ticket's customer is told they are first in the queue: once per wait. Empty when it no longer waits, or they were told. */
    Optional<Ticket> markFrontNotified(long number) {
        return update(number, Filters.and(Filters.eq("status", "waiting"), Filters.eq("frontNotified", false)), Updates.set("frontNotified", true));
    }

    /** The operator takes the ticket, if it still waits. {@code by} is who gave it to them ({@code auto}), or they themselves. */
    Optional<Ticket> assign(long number, Operator operator, String action, String by, Instant now) {
        return update(number, Filters.eq("status", "waiting"), Updates.combine(
                Updates.set("status", TicketStatus.ASSIGNED.code()),
                Updates.set("operator", operator.login()),
                Updates.set("operatorName", operator.name()),
                Updates.set("assignedAt", Date.from(now)),
                Updates.push("history", step(now, action, by, operator.login()))));
    }

    /** The ticket waits again, in {@code queue}, held by no one: if it is still {@code expected}. */
    Optional<Ticket> requeue(long number, TicketStatus expected, String queue, String action, String by, Instant now) {
        return update(number, Filters.eq("status", expected.code()), Updates.combine(
                Updates.set("status", TicketStatus.WAITING.code()),
                Updates.set("queue", queue),
                Updates.unset("operator"),
                Updates.unset("operatorName"),
                Updates.set("frontNotified", false),
                Updates.push("history", step(now, action, by, queue))));
    }

    /** The ticket ends with {@code outcome}, if it is still {@code expected}; {@code by} is null when the customer ended it. */
    Optional<Ticket> close(long number, TicketStatus expected, TicketStatus outcome, String action, @Nullable String by, Instant now) {
        return update(number, Filters.eq("status", expected.code()), Updates.combine(
                Updates.set("status", outcome.code()),
                Updates.set("closedAt", Date.from(now)),
                Updates.push("history", step(now, action, by, null))));
    }

    /** The ticket ends with {@code outcome} and the operator's {@code reason}, if it is still {@code expected}. */
    Optional<Ticket> close(long number, TicketStatus expected, TicketStatus outcome, String action, String by, String reason, Instant now) {
        return update(number, Filters.eq("status", expected.code()), Updates.combine(
                Updates.set("status", outcome.code()),
                Updates.set("closedAt", Date.from(now)),
                Updates.set("closeReason", reason),
                Updates.push("history", step(now, action, by, reason))));
    }

    /** An operator's private note, appended; empty when there is no such ticket. */
    Optional<Ticket> addNote(long number, Ticket.Note note) {
        return update(number, Filters.empty(), Updates.push("notes", new Document("at", Date.from(note.at())).append("by", note.by())
                .append("byName", note.byName()).append("text", note.text())));
    }

    /** The ticket's tags become {@code tags}; empty when there is no such ticket. */
    Optional<Ticket> tag(long number, List<String> tags, String by, Instant now) {
        return update(number, Filters.empty(), Updates.combine(Updates.set("tags", tags),
                Updates.push("history", step(now, "tagged", by, String.join(" ", tags)))));
    }

    /** An operator wrote to the customer for the first time; empty when someone had before. */
    Optional<Ticket> firstResponse(long number, String by, Instant now) {
        return update(number, Filters.eq("firstResponseAt", null), Updates.combine(
                Updates.set("firstResponseAt", Date.from(now)),
                Updates.push("history", step(now, "first response", by, null))));
    }

    /** A waiting ticket past its first-response target: marked overdue and raised by one, once. */
    Optional<Ticket> markOverdue(Ticket ticket, Instant now) {
        return update(ticket.number(), Filters.and(Filters.eq("status", "waiting"), Filters.ne("overdue", true)),
                Updates.combine(Updates.set("overdue", true), Updates.inc("priority", 1),
                        Updates.push("history", step(now, "overdue", null, "first response due " + ticket.slaDueAt()))));
    }

    /** The rating of a resolved ticket by its own conversation, once; empty when it is not that ticket, not resolved, or rated. */
    Optional<Ticket> rate(long number, String conversation, int score, Instant now) {
        return update(number, Filters.and(Filters.eq("conversation", conversation), Filters.eq("status", "resolved"), Filters.exists("csat", false),
                Filters.ne("closeReason", Ticket.SPAM)),
                Updates.combine(Updates.set("csat", score), Updates.push("history", step(now, "rated", null, Integer.toString(score)))));
    }

    /** The comment on a rated ticket by its own conversation, once; empty when it is not that ticket, not rated, or commented. */
    Optional<Ticket> comment(long number, String conversation, String text) {
        return update(number, Filters.and(Filters.eq("conversation", conversation), Filters.eq("status", "resolved"), Filters.exists("csat", true),
                Filters.exists("comment", false)), Updates.set("comment", text));
    }

    /** Applies {@code update} if the ticket still matches {@code expected}; the ticket after, or empty. */
    private Optional<Ticket> update(long number, Bson expected, Bson update) {
        return Optional.ofNullable(tickets.findOneAndUpdate(Filters.and(Filters.eq("_id", number), expected), update, AFTER))
                .map(TicketStore::toTicket).map(board::sync);
    }

    /** Waiting tickets of a queue (every queue when null), first to be served first: higher priority, then longer waiting. */
    List<Ticket> waiting(@Nullable String queue) {
        return board.waiting(queue);
    }

    /** The first ticket its queue will serve, if any waits. */
    Optional<Ticket> firstWaiting(String queue) {
        return board.firstWaiting(queue);
    }

    /** How many waiting tickets of its queue go before this one. */
    long ahead(Ticket ticket) {
        return board.ahead(ticket);
    }

    List<Ticket> assignedTo(String operator) {
        return board.assignedTo(operator);
    }

    List<Ticket> open() {
        return board.open();
    }

    List<Ticket> overdueCandidates(Instant now) {
        return board.overdueCandidates(now);
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

    private static Document step(Instant at, String action, @Nullable String by, @Nullable String detail) {
        return new Document("at", Date.from(at)).append("action", action).append("by", by).append("detail", detail);
    }

    private static Document line(Ticket.Line line) {
        return new Document("author", line.author()).append("text", line.text()).append("at", Date.from(line.at()))
                .append("intent", line.intent()).append("confidence", line.confidence());
    }

    private static Ticket toTicket(Document doc) {
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
                doc.getInteger("csat"), doc.getString("comment"), transcript, history, context(doc), notes(doc), doc.getString("closeReason"),
                doc.getList("tags", String.class, List.of()));
    }

    private static java.util.Map<String, String> context(Document doc) {
        var context = new java.util.LinkedHashMap<String, String>();
        if (doc.get("context") instanceof Document stored) {
            stored.forEach((k, v) -> context.put(k, String.valueOf(v)));
        }
        return context;
    }

    private static List<Ticket.Note> notes(Document doc) {
        return doc.getList("notes", Document.class, List.of()).stream().map(note -> new Ticket.Note(instant(note, "at"),
                String.valueOf(note.getString("by")), String.valueOf(note.getString("byName")), String.valueOf(note.getString("text")))).toList();
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
