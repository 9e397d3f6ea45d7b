package org.supportbot.curation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.QuestionMissed;
import org.supportbot.knowledge.Language;
import org.supportbot.nlu.IntentScore;
import org.supportbot.store.Store;

/**
 * The collected questions ({@code curation_questions}, one document per missed question, keyed by
 * the turn so a turn taken twice is stored once) and the operators' replies to their tickets
 * ({@code curation_tickets}, one document per ticket). Every write is a single-document atomic
 * operation or an idempotent multi-document update, so several instances may share the store.
 */
@Component
class MissedQuestions {

    static final String QUESTIONS = "curation_questions";
    static final String TICKETS = "curation_tickets";
    /** Questions a customer asked before the hand-over that followed belong to its ticket. */
    static final Duration LINK_WINDOW = Duration.ofHours(1);
    /** The most questions grouped at once: the latest ones. */
    static final int MAX_OPEN = 5_000;

    enum Status { OPEN, ACCEPTED, CREATED, DISMISSED }

    /** A collected question as stored. */
    record Question(String id, String conversation, Language language, String text, String kind, List<IntentScore> ranking,
            @Nullable String answeredIntent, @Nullable Long ticket, Instant at) {
    }

    private final MongoCollection<Document> questions;
    private final MongoCollection<Document> tickets;

    MissedQuestions(Store store) {
        this.questions = store.database().getCollection(QUESTIONS);
        this.tickets = store.database().getCollection(TICKETS);
        if (!store.embedded()) { // the embedded store ignores secondary indexes
            questions.createIndex(Indexes.ascending("status", "at"));
            questions.createIndex(Indexes.ascending("conversation", "ticket"));
        }
    }

    /** Stores a missed question once; a question the customer asked earlier in the hand-over's run joins its ticket. */
    void add(QuestionMissed event) {
        var ranking = new ArrayList<Document>();
        event.ranking().forEach(s -> ranking.add(new Document("intent", s.intent()).append("confidence", s.confidence())));
        try {
            questions.insertOne(new Document("_id", event.key())
                    .append("conversation", event.conversation())
                    .append("language", event.language().code())
                    .append("text", EditorText.clean(event.text()))
                    .append("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append("ranking", ranking)
                    .append("answeredIntent", event.answeredIntent())
                    .append("ticket", event.ticket())
                    .append("at", Date.from(event.at()))
                    .append("status", Status.OPEN.name()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        if (event.ticket() != null) {
            questions.updateMany(Filters.and(Filters.eq("conversation", event.conversation()), Filters.eq("ticket", null),
                    Filters.gte("at", Date.from(event.at().minus(LINK_WINDOW)))), Updates.set("ticket", event.ticket()));
        }
    }

    /** Remembers what an operator wrote in a ticket (once per message key). */
    void operatorWrote(long ticket, String key, String text) {
        tickets.updateOne(Filters.eq("_id", ticket), Updates.addToSet("replies", new Document("key", key).append("text", EditorText.clean(text))),
                new UpdateOptions().upsert(true));
    }

    /** Marks a ticket resolved: its replies become the answer editors see. */
    void resolved(long ticket, Instant at) {
        tickets.updateOne(Filters.eq("_id", ticket), Updates.combine(Updates.set("resolved", true), Updates.set("resolvedAt", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /** The open questions, newest first, at most {@link #MAX_OPEN}. */
    List<Question> open() {
        var out = new ArrayList<Question>();
        for (var doc : questions.find(Filters.eq("status", Status.OPEN.name())).sort(Sorts.descending("at")).limit(MAX_OPEN)) {
            out.add(question(doc));
        }
        return out;
    }

    /** The operators' replies to these tickets, for those resolved: ticket → replies in the order written. */
    Map<Long, List<String>> resolvedReplies(Collection<Long> numbers) {
        var out = new HashMap<Long, List<String>>();
        if (numbers.isEmpty()) {
            return out;
        }
        for (var doc : tickets.find(Filters.and(Filters.in("_id", numbers), Filters.eq("resolved", true)))) {
            var replies = doc.getList("replies", Document.class, List.of()).stream().map(r -> r.getString("text")).toList();
            if (!replies.isEmpty()) {
                out.put(((Number) doc.get("_id")).longValue(), replies);
            }
        }
        return out;
    }

    /** Closes open questions with an editor's decision; returns how many it closed. */
    long close(Collection<String> ids, Status status, @Nullable String intent, String editor, Instant at) {
        return questions.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", Status.OPEN.name())), Updates.combine(
                Updates.set("status", status.name()), Updates.set("intent", intent), Updates.set("decidedBy", editor),
                Updates.set("decidedAt", Date.from(at)))).getModifiedCount();
    }

    private static Question question(Document doc) {
        var ranking = doc.getList("ranking", Document.class, List.of()).stream()
                .map(r -> new IntentScore(r.getString("intent"), ((Number) r.get("confidence")).doubleValue())).toList();
        return new Question(doc.getString("_id"), doc.getString("conversation"), Language.fromCode(doc.getString("language")).orElse(Language.RU),
                doc.getString("text"), doc.getString("kind"), ranking, doc.getString("answeredIntent"),
                doc.get("ticket") instanceof Number n ? n.longValue() : null, doc.getDate("at").toInstant());
    }
}
