package org.supportbot.privacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Every collection that holds something of a customer, and what an erase does to it. One place
 * that names them all, other modules' included: an erase must reach every copy, and
 * {@link #NOT_PERSONAL} names the collections that hold nothing of a customer, so that a test
 * notices a new collection that is in neither list.
 *
 * <p>What reports count from is anonymised, not removed: the customer's turns stay with their
 * time, channel, intent and decision under a random conversation id ({@code telegram:erased-…}),
 * their tickets with their times and rating, their feedback; the words, names, transcripts,
 * comments and notes go. The dashboard's totals do not change.
 */
final class PersonalCollections {

    static final String CONVERSATIONS = "conversations";
    static final String MESSAGES = "messages";
    static final String TICKETS = "tickets";
    static final String FEEDBACK = "feedback";
    static final String CUSTOMER_LINKS = "customer_links";

    /** Collections an erase reaches, in the order it reaches them. */
    static final List<String> PERSONAL = List.of(CONVERSATIONS, MESSAGES, TICKETS, "open_tickets", "ticket_board", FEEDBACK,
            "curation_questions", "curation_tickets", "inbox", "outbox", "attachments", "attachment_chunks", CUSTOMER_LINKS,
            "telegram_chats", "telegram_topics", "vk_users");

    /**
     * Collections that hold nothing of a customer: counters, accounts, leases, redelivery markers
     * (ids and times), button payloads (intent names), Long Poll positions, hashed web sessions,
     * and this module's audit (no content).
     */
    static final Set<String> NOT_PERSONAL = Set.of("counters", "operators", "leases", "outbox_sent", "telegram_callbacks",
            "telegram_parts", "vk_longpoll", "vk_payloads", "web_sessions", PrivacyAudit.COLLECTION);

    private final MongoDatabase db;

    PersonalCollections(MongoDatabase db) {
        this.db = db;
    }

    /** Erases one conversation everywhere; counts go to {@code removed} and {@code anonymised} by collection. */
    void erase(String conversation, String pseudonym, Instant now, Map<String, Long> removed, Map<String, Long> anonymised) {
        var tickets = ticketNumbers(conversation);
        count(removed, CONVERSATIONS, collection(CONVERSATIONS).deleteOne(Filters.eq("_id", conversation)).getDeletedCount());
        count(removed, MESSAGES, collection(MESSAGES).deleteMany(Filters.and(byConversation(conversation), Filters.exists("in", false)))
                .getDeletedCount());
        for (var turn : collection(MESSAGES).find(byConversation(conversation))) {
            collection(MESSAGES).replaceOne(Filters.eq("_id", turn.get("_id")), anonymousTurn(turn, pseudonym));
            count(anonymised, MESSAGES, 1);
        }
        for (var ticket : collection(TICKETS).find(byConversation(conversation))) {
            collection(TICKETS).replaceOne(Filters.eq("_id", ticket.get("_id")), anonymousTicket(ticket, pseudonym, now));
            count(anonymised, TICKETS, 1);
        }
        count(removed, "open_tickets", collection("open_tickets").deleteMany(Filters.eq("_id", conversation)).getDeletedCount());
        if (!tickets.isEmpty()) {
            for (var name : List.of("ticket_board", "curation_tickets", "telegram_topics")) {
                count(removed, name, collection(name).deleteMany(Filters.in("_id", tickets)).getDeletedCount());
            }
        }
        count(anonymised, FEEDBACK, collection(FEEDBACK).updateMany(byConversation(conversation), Updates.set("conversation", pseudonym))
                .getModifiedCount());
        for (var name : List.of("curation_questions", "inbox", "attachments", "attachment_chunks")) {
            count(removed, name, collection(name).deleteMany(byConversation(conversation)).getDeletedCount());
        }
        count(removed, "outbox", collection("outbox").deleteMany(Filters.and(Filters.eq("channel", Subjects.channel(conversation)),
                Filters.eq("chat", Subjects.chat(conversation)))).getDeletedCount());
        unlink(conversation, removed);
        var perChat = switch (Subjects.channel(conversation)) {
            case "telegram" -> "telegram_chats";
            case "vk" -> "vk_users";
            default -> null;
        };
        if (perChat != null) {
            count(removed, perChat, collection(perChat).deleteMany(Filters.in("_id", Subjects.chatKeys(conversation))).getDeletedCount());
        }
    }

    /** Everything kept about one conversation, by collection. */
    Document export(String conversation) {
        var out = new Document();
        var tickets = ticketNumbers(conversation);
        Map<String, Bson> filters = new LinkedHashMap<>();
        filters.put(CONVERSATIONS, Filters.eq("_id", conversation));
        filters.put(MESSAGES, byConversation(conversation));
        filters.put(TICKETS, byConversation(conversation));
        filters.put("open_tickets", Filters.eq("_id", conversation));
        filters.put(FEEDBACK, byConversation(conversation));
        filters.put("curation_questions", byConversation(conversation));
        filters.put("curation_tickets", Filters.in("_id", tickets));
        filters.put("attachments", byConversation(conversation));
        filters.put(CUSTOMER_LINKS, Filters.eq("conversations", conversation));
        filters.put("inbox", byConversation(conversation));
        filters.put("outbox", Filters.and(Filters.eq("channel", Subjects.channel(conversation)), Filters.eq("chat", Subjects.chat(conversation))));
        filters.put("telegram_chats", Filters.in("_id", Subjects.chatKeys(conversation)));
        filters.put("vk_users", Filters.in("_id", Subjects.chatKeys(conversation)));
        filters.forEach((name, filter) -> {
            var docs = collection(name).find(filter).into(new ArrayList<>());
            if (!docs.isEmpty()) {
                out.append(name, docs);
            }
        });
        return out;
    }

    private List<Object> ticketNumbers(String conversation) {
        var numbers = new ArrayList<Object>();
        collection(TICKETS).find(byConversation(conversation)).projection(new Document("_id", 1)).forEach(doc -> numbers.add(doc.get("_id")));
        return numbers;
    }

    /** Takes the conversation out of the customer's links; a link left with one conversation or none links nothing. */
    private void unlink(String conversation, Map<String, Long> removed) {
        var links = collection(CUSTOMER_LINKS);
        for (var link : links.find(Filters.eq("conversations", conversation))) {
            var rest = new ArrayList<>(link.getList("conversations", String.class, List.of()));
            rest.remove(conversation);
            if (rest.size() < 2) {
                links.deleteOne(Filters.eq("_id", link.get("_id")));
                count(removed, CUSTOMER_LINKS, 1);
            } else {
                links.updateOne(Filters.eq("_id", link.get("_id")), Updates.set("conversations", rest));
            }
        }
    }

    /** A customer's turn with what reports count (time, kind, intent, decision) and nothing they wrote. */
    private static Document anonymousTurn(Document turn, String pseudonym) {
        var in = turn.get("in", Document.class);
        var kept = new Document();
        if (in != null) {
            var kind = in.getString("kind");
            kept.append("kind", kind);
            if ("text".equals(kind)) {
                kept.append("text", ""); // counted as typed, grouped with no other question
            } else if ("button".equals(kind)) {
                kept.append("payload", in.getString("payload")); // the bot's own button data
            }
            for (var field : List.of("intent", "confidence", "decision", "reason")) {
                if (in.containsKey(field)) {
                    kept.append(field, in.get(field));
                }
            }
        }
        return new Document("_id", turn.get("_id")).append("conversation", pseudonym).append("at", turn.get("at"))
                .append("author", turn.get("author")).append("in", kept).append("replies", List.of()).append("erased", true);
    }

    /** A ticket with its times, queue, outcome and rating for reports; without the customer, the conversation, comments and notes. */
    private static Document anonymousTicket(Document ticket, String pseudonym, Instant now) {
        var kept = new Document(ticket);
        kept.put("conversation", pseudonym);
        kept.put("transcript", List.of());
        kept.put("erased", true);
        // the hand-over key is unique and names the conversation ("telegram:4242#2"): the pseudonym takes its place
        var key = ticket.getString("key");
        kept.put("key", pseudonym + (key != null && key.contains("#") ? key.substring(key.indexOf('#')) : "#" + ticket.get("_id")));
        for (var field : List.of("customerName", "comment", "notes", "context")) {
            kept.remove(field);
        }
        var history = new ArrayList<Document>();
        for (var step : ticket.getList("history", Document.class, List.of())) {
            var action = step.getString("action");
            // what a customer or an operator wrote is no step; the steps keep who acted, not what was said
            history.add(new Document("at", step.get("at")).append("action", action).append("by", step.get("by"))
                    .append("detail", "opened".equals(action) || "transferred".equals(action) ? step.get("detail") : null));
        }
        kept.put("history", history);
        var status = ticket.getString("status");
        if ("waiting".equals(status) || "assigned".equals(status)) { // erased while the bot was stopped
            kept.put("status", "cancelled");
            kept.put("closedAt", Date.from(now));
            history.add(new Document("at", Date.from(now)).append("action", "erased").append("by", null).append("detail", null));
        }
        return kept;
    }

    private static Bson byConversation(String conversation) {
        return Filters.eq("conversation", conversation);
    }

    private MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    private static void count(Map<String, Long> counts, String collection, long n) {
        if (n > 0) {
            counts.merge(collection, n, Long::sum);
        }
    }
}
