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
        return status.name() + '\u0000' + language.code() + '\u0000' + (name == null ? "" : name) + '\u0000' + failures;
    }

    Document toDocument() {
        return new Document("_id", id.toString())
                .append("channel", id.channel())
                .append("chat", id.chat())
                .append("status", status.name())
                .append("language", language.code())
                .append("name", name)
                .append("failures", failures)
                .append("createdAt", java.util.Date.from(createdAt))
                .append("updatedAt", java.util.Date.from(updatedAt));
    }

    static ConversationState fromDocument(Document doc) {
        var state = new ConversationState(new ConversationId(doc.getString("channel"), doc.getString("chat")), doc.getDate("createdAt").toInstant());
        state.status = ConversationStatus.valueOf(doc.getString("status"));
        state.language = Language.fromCode(doc.getString("language")).orElse(Language.RU);
        state.name = doc.getString("name");
        state.failures = doc.getInteger("failures", 0);
        state.updatedAt = doc.getDate("updatedAt").toInstant();
        state.stored = state.essence();
        return state;
    }
}
