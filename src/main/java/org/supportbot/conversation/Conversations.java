package org.supportbot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * Conversation state: a bounded cache in front of the {@code conversations} collection, written
 * through on every change, so the hot path reads MongoDB only for conversations not seen lately.
 * Callers hold the conversation's lock.
 */
@Component
class Conversations {

    static final String COLLECTION = "conversations";

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final Cache<ConversationId, ConversationState> cache;

    Conversations(Store store, Clock clock, @Value("${supportbot.conversation.cache-size:100000}") long cacheSize) {
        this.collection = store.database().getCollection(COLLECTION);
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(Duration.ofHours(12)).build();
        if (!store.embedded()) { // the embedded store ignores secondary indexes
            collection.createIndex(Indexes.ascending("status", "updatedAt"));
        }
    }

    ConversationState get(ConversationId id) {
        return cache.get(id, key -> {
            var doc = collection.find(Filters.eq("_id", key.toString())).first();
            return doc == null ? new ConversationState(key, clock.instant()) : ConversationState.fromDocument(doc);
        });
    }

    /** The state if this conversation exists, without creating it. */
    java.util.Optional<ConversationState> find(ConversationId id) {
        var cached = cache.getIfPresent(id);
        if (cached != null) {
            return java.util.Optional.of(cached);
        }
        var doc = collection.find(Filters.eq("_id", id.toString())).first();
        return java.util.Optional.ofNullable(doc).map(ConversationState::fromDocument);
    }

    /** Last activity is written at this granularity when nothing else changed: it is for reports, not for logic. */
    static final Duration ACTIVITY_GRANULARITY = Duration.ofMinutes(5);

    /** Writes the state through to the store, unless nothing but the time changed lately. */
    void save(ConversationState state) {
        saveAll(List.of(state));
    }

    /** Saves the states that changed, of different conversations, in one command. */
    void saveAll(List<ConversationState> states) {
        var now = clock.instant();
        var writes = new ArrayList<ReplaceOneModel<Document>>(states.size());
        var written = new ArrayList<ConversationState>(states.size());
        var essences = new ArrayList<String>(states.size());
        for (var state : states) {
            var essence = state.essence();
            if (essence.equals(state.stored) && state.updatedAt.plus(ACTIVITY_GRANULARITY).isAfter(now)) {
                continue;
            }
            state.updatedAt = now;
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", state.id.toString()), state.toDocument(), new ReplaceOptions().upsert(true)));
            written.add(state);
            essences.add(essence);
        }
        if (writes.isEmpty()) {
            return;
        }
        if (writes.size() == 1) {
            var write = writes.get(0);
            collection.replaceOne(write.getFilter(), write.getReplacement(), write.getReplaceOptions());
        } else {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        for (int i = 0; i < written.size(); i++) {
            written.get(i).stored = essences.get(i);
        }
    }

    /** Drops the cached state: the conversation was erased, its next message starts afresh. */
    void forget(ConversationId id) {
        cache.invalidate(id);
    }

    long cached() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
