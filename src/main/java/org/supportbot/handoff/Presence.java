package org.supportbot.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * Whether operators are there to be given tickets, in the {@code operator_presence} collection
 * ({@code _id} the login, {@code status}). An operator who never set a status counts as online,
 * so that a team working only in Telegram keeps its auto-assignment.
 */
@Component
class Presence {

    private final MongoCollection<Document> presence;
    private final Clock clock;

    Presence(Store store, Clock clock) {
        this.presence = store.database().getCollection("operator_presence");
        this.clock = clock;
    }

    /** The operator's status, online when never set. */
    OperatorStatus of(String login) {
        return read(presence.find(Filters.eq("_id", login)).first()).orElse(OperatorStatus.ONLINE);
    }

    /** Every status set, by login. */
    Map<String, OperatorStatus> all() {
        var all = new HashMap<String, OperatorStatus>();
        for (var doc : presence.find()) {
            read(doc).ifPresent(status -> all.put(doc.getString("_id"), status));
        }
        return all;
    }

    /** Sets the operator's status; answers the one before. */
    OperatorStatus set(String login, OperatorStatus status) {
        var before = of(login);
        presence.replaceOne(Filters.eq("_id", login), new Document("_id", login).append("status", status.name().toLowerCase(Locale.ROOT))
                .append("changedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
        return before;
    }

    private static Optional<OperatorStatus> read(Document doc) {
        return doc == null ? Optional.empty() : OperatorStatus.parse(doc.getString("status"));
    }
}
