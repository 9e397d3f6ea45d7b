package org.supportbot.conversation;

import java.time.Instant;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/** What the bot remembers of a conversation between messages. Mutated only under the conversation's lock. */
final class ConversationState {

    final ConversationId id;
    ConversationStatus status = ConversationStatus.WITH_BOT;
    Language language = Language.RU;
    @Nullable String name;
    /** Failures in a row: questions the bot could not answer or had to ask back about. */
    int failures;
    /** The open ticket while the customer waits for or talks to an operator. */
    @Nullable Long ticket;
    /** How many times this conversation was handed over: makes each hand-over's key unique. */
    int handovers;
    /** The resolved ticket whose rating the customer just gave: their next words may be a comment on it. */
    @Nullable Long awaitingComment;
    /** The intent whose answer the bot last asked "did this help?" about: the one answer that counts, once. */
    @Nullable String askedIfHelped;
    /** The intents the last "did you mean…?" offered, comma-separated: the only choice buttons that count. */
    @Nullable String offeredChoices;
    /** The ticket for which the customer was told their messages reach the operator (once per ticket). */
    @Nullable Long relayNotice;
    /** Whether the customer was told not to send card data (once). */
    boolean cardWarned;
    /**
     * The customer's last messages with what the bot understood of each, for the transcript a
     * ticket starts with; in memory only (the store has the full transcript, bot replies included).
     * Null until the first message: every cached conversation pays for it.
     */
    java.util.@Nullable ArrayDeque<org.supportbot.handoff.Ticket.Line> recent;
    /** The store action in progress (its name), or null: the customer's next words may fill its slot. */
    @Nullable String action;
    /** Where the action stands: {@code slot:<name>}, {@code verify} or {@code confirm}. */
    @Nullable String actionStep;
    /** The action's slot values so far, by slot name. */
    java.util.Map<String, String> actionSlots = new java.util.LinkedHashMap<>();
    /** Wrong answers in the current step (a bad order number, wrong digits). */
    int actionTries;
    /** The customer's phone proved in this conversation, digits with the country code ({@code 79161234567}). */
    @Nullable String verifiedPhone;
    /** What the actions learnt (order number, status, verified), for the ticket if a person takes over. */
    java.util.Map<String, String> learnt = new java.util.LinkedHashMap<>();
    /** {@link #essence()} as last written, to skip writes that would change nothing; null before the first. */
    @Nullable String stored;
    Instant createdAt;
    Instant updatedAt;

    ConversationState(ConversationId id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Everything stored but the times, compactly: what a write would change. */
    String essence() {
        return status.name() + '\u0000' + language.code() + '\u0000' + (name == null ? "" : name) + '\u0000' + failures
                + '\u0000' + ticket + '\u0000' + handovers + '\u0000' + awaitingComment + '\u0000' + relayNotice
                + '\u0000' + askedIfHelped + '\u0000' + offeredChoices
                + '\u0000' + action + '\u0000' + actionStep + '\u0000' + actionSlots + '\u0000' + actionTries
                + '\u0000' + verifiedPhone + '\u0000' + learnt + '\u0000' + cardWarned;
    }

    Document toDocument() {
        return new Document("_id", id.toString())
                .append("channel", id.channel())
                .append("chat", id.chat())
                .append("status", status.name())
                .append("language", language.code())
                .append("name", name)
                .append("failures", failures)
                .append("ticket", ticket)
                .append("handovers", handovers)
                .append("awaitingComment", awaitingComment)
                .append("relayNotice", relayNotice)
                .append("askedIfHelped", askedIfHelped)
                .append("offeredChoices", offeredChoices)
                .append("action", action)
                .append("actionStep", actionStep)
                .append("actionSlots", new Document(new java.util.LinkedHashMap<String, Object>(actionSlots)))
                .append("actionTries", actionTries)
                .append("verifiedPhone", verifiedPhone)
                .append("learnt", new Document(new java.util.LinkedHashMap<String, Object>(learnt)))
                .append("cardWarned", cardWarned)
                .append("createdAt", java.util.Date.from(createdAt))
                .append("updatedAt", java.util.Date.from(updatedAt));
    }

    static ConversationState fromDocument(Document doc) {
        var state = new ConversationState(new ConversationId(doc.getString("channel"), doc.getString("chat")), doc.getDate("createdAt").toInstant());
        state.status = ConversationStatus.valueOf(doc.getString("status"));
        state.language = Language.fromCode(doc.getString("language")).orElse(Language.RU);
        state.name = doc.getString("name");
        state.failures = doc.getInteger("failures", 0);
        state.ticket = longOrNull(doc, "ticket");
        state.handovers = doc.getInteger("handovers", 0);
        state.awaitingComment = longOrNull(doc, "awaitingComment");
        state.relayNotice = longOrNull(doc, "relayNotice");
        state.askedIfHelped = doc.getString("askedIfHelped");
        state.offeredChoices = doc.getString("offeredChoices");
        state.action = doc.getString("action");
        state.actionStep = doc.getString("actionStep");
        state.actionSlots = strings(doc.get("actionSlots"));
        state.actionTries = doc.getInteger("actionTries", 0);
        state.verifiedPhone = doc.getString("verifiedPhone");
        state.learnt = strings(doc.get("learnt"));
        state.cardWarned = doc.getBoolean("cardWarned", false);
        state.updatedAt = doc.getDate("updatedAt").toInstant();
        state.stored = state.essence();
        return state;
    }

    /** Whether the last "did you mean…?" offered {@code intent}. */
    boolean offered(String intent) {
        return offeredChoices != null && java.util.Arrays.asList(offeredChoices.split(",")).contains(intent);
    }

    private static java.util.Map<String, String> strings(@Nullable Object value) {
        var map = new java.util.LinkedHashMap<String, String>();
        if (value instanceof Document doc) {
            doc.forEach((k, v) -> {
                if (v instanceof String text) {
                    map.put(k, text);
                }
            });
        }
        return map;
    }

    private static @Nullable Long longOrNull(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : null;
    }

    /** How many of the customer's messages a conversation keeps for a ticket's transcript. */
    static final int RECENT = 8;
    /** Longer messages are cut in that memory. */
    static final int RECENT_LENGTH = 500;

    /** Remembers a message of the customer for the transcript a ticket starts with. */
    void remember(String text, java.time.Instant at) {
        if (recent == null) {
            recent = new java.util.ArrayDeque<>(RECENT);
        }
        recent.addLast(new org.supportbot.handoff.Ticket.Line("customer",
                text.length() > RECENT_LENGTH ? text.substring(0, RECENT_LENGTH) + "…" : text, at, null, 0));
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /** The remembered messages, oldest first. */
    java.util.List<org.supportbot.handoff.Ticket.Line> recentLines() {
        return recent == null ? java.util.List.of() : java.util.List.copyOf(recent);
    }

    /** Adds what the bot understood to the customer's last message. */
    void understood(@Nullable String intent, double confidence) {
        var last = recent == null ? null : recent.peekLast();
        if (last != null) {
            recent.removeLast();
            recent.addLast(new org.supportbot.handoff.Ticket.Line(last.author(), last.text(), last.at(), intent, confidence));
        }
    }
}
