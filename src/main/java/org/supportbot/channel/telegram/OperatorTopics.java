package org.supportbot.channel.telegram;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.Date;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.bson.Document;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * Which forum topic of the operator group belongs to which ticket ({@code telegram_topics}:
 * {@code _id} the ticket number, {@code thread} the topic's {@code message_thread_id}).
 */
@Component
@Conditional(TelegramEnabled.class)
class OperatorTopics {

    private final MongoCollection<Document> topics;
    private final Clock clock;

    OperatorTopics(Store store, Clock clock) {
        this.topics = store.database().getCollection("telegram_topics");
        this.clock = clock;
    }

    OptionalInt threadOf(long ticket) {
        var doc = topics.find(Filters.eq("_id", ticket)).first();
        return doc == null || doc.getInteger("thread") == null ? OptionalInt.empty() : OptionalInt.of(doc.getInteger("thread"));
    }

    OptionalLong ticketOf(int thread) {
        var doc = topics.find(Filters.eq("thread", thread)).first();
        return doc == null ? OptionalLong.empty() : OptionalLong.of(((Number) doc.get("_id")).longValue());
    }

    void remember(long ticket, int thread) {
        topics.replaceOne(Filters.eq("_id", ticket), new Document("_id", ticket).append("thread", thread)
                .append("createdAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
    }

    /** The topic was deleted or closed by someone: the next message creates a new one. */
    void forget(long ticket) {
        topics.deleteOne(Filters.eq("_id", ticket));
    }
}
