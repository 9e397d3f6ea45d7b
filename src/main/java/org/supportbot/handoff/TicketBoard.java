package org.supportbot.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ticket_board} collection: the open tickets only, as small summaries. What the queue
 * questions (position, next in line, overdue, held by whom) read, instead of every ticket ever
 * (the embedded store scans). Kept by {@link TicketStore}, which writes each ticket's summary
 * after the ticket ({@link #sync}); a summary that no longer matches its ticket (a crash between
 * the two writes) is mended when it is read.
 */
final class TicketBoard {

    private static final Bson SERVED_FIRST = Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("openedAt"), Sorts.ascending("_id"));

    private final MongoCollection<Document> board;
    /** Reads a ticket whole, by number. */
    private final LongFunction<Optional<Ticket>> tickets;
    /** On the embedded store, the waiting tickets in order: what {@link #ahead} counts there. Null on MongoDB, which counts from an index. */
    private final @Nullable WaitingLine waitingLine;

    TicketBoard(MongoCollection<Document> board, boolean embedded, LongFunction<Optional<Ticket>> tickets) {
        this.board = board;
        this.tickets = tickets;
        this.waitingLine = embedded ? new WaitingLine(this::waitingOnBoard, System::nanoTime) : null;
        if (!embedded) { // the embedded store ignores secondary indexes that are not unique
            board.createIndex(Indexes.ascending("status", "queue", "priority", "openedAt"));
        }
    }

    /** Brings the ticket's summary in line with the ticket: there while open, gone when closed. */
    Ticket sync(Ticket ticket) {
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

    /** Waiting tickets, first to be served first: higher priority, then longer waiting. */
    List<Ticket> waiting(@Nullable String queue) {
        var filter = queue == null ? Filters.eq("status", "waiting") : Filters.and(Filters.eq("status", "waiting"), Filters.eq("queue", queue));
        return read(filter, SERVED_FIRST, 0);
    }

    /** The first ticket its queue will serve, if any waits. */
    Optional<Ticket> firstWaiting(String queue) {
        return read(Filters.and(Filters.eq("status", "waiting"), Filters.eq("queue", queue)), SERVED_FIRST, 1).stream().findFirst();
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
        return read(Filters.and(Filters.eq("status", "assigned"), Filters.eq("operator", operator)), Sorts.ascending("openedAt"), 0);
    }

    List<Ticket> open() {
        return read(new Document(), Sorts.ascending("openedAt"), 0);
    }

    /** Waiting tickets past their first-response target and not marked overdue yet, the longest past first. */
    List<Ticket> overdueCandidates(Instant now) {
        return read(Filters.and(Filters.eq("status", "waiting"), Filters.ne("overdue", true), Filters.lt("slaDueAt", Date.from(now))),
                Sorts.ascending("slaDueAt"), 0);
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
    private List<Ticket> read(Bson filter, Bson sort, int limit) {
        var found = board.find(filter).sort(sort);
        if (limit > 0) {
            found = found.limit(limit);
        }
        var result = new ArrayList<Ticket>();
        for (var summary : found) {
            var ticket = tickets.apply(((Number) summary.get("_id")).longValue()).orElse(null);
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
}
