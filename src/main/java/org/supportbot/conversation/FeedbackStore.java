package org.supportbot.conversation;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/** The {@code feedback} collection: customers' answers to "did this help?", one document per press. */
@Component
class FeedbackStore {

    static final String COLLECTION = "feedback";

    private final MongoCollection<Document> feedback;

    FeedbackStore(Store store) {
        this.feedback = store.database().getCollection(COLLECTION);
    }

    /** Records that the answer of {@code intent} (null when the button did not name it) helped or not. */
    void record(ConversationId conversation, @Nullable String intent, boolean helpful, Instant at) {
        feedback.insertOne(new Document("conversation", conversation.toString())
                .append("intent", intent)
                .append("helpful", helpful)
                .append("at", Date.from(at)));
    }
}
