package org.supportbot.conversation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * One customer across channels, in the {@code customer_links} collection: a document per proved
 * contact ({@code _id} {@code phone:<digits>} or {@code email:<address>}, with {@code phone} or
 * {@code email}) listing the {@code conversations} that proved it. Fed only by
 * {@link CustomerVerified}: a link is never guessed from a name. Thread-safe.
 */
@Component
public class CustomerLinks {

    private final MongoCollection<Document> links;

    CustomerLinks(Store store) { // package-private: Spring builds it
        this.links = store.database().getCollection("customer_links");
        if (!store.embedded()) { // the embedded store ignores secondary indexes that are not unique
            links.createIndex(Indexes.ascending("conversations"));
        }
    }

    @EventListener
    void on(CustomerVerified event) {
        var kind = event.kind().equals("email") ? "email" : event.kind().equals("phone") ? "phone" : null;
        if (kind == null || event.value().isBlank()) {
            return;
        }
        links.updateOne(Filters.eq("_id", kind + ":" + event.value()), Updates.combine(Updates.set(kind, event.value()),
                Updates.addToSet("conversations", event.conversation())), new UpdateOptions().upsert(true));
    }

    /** The other conversations of the same customer, by any phone or e-mail they share; sorted, empty when none. */
    public List<String> linkedTo(String conversation) {
        var linked = new TreeSet<String>();
        for (var doc : links.find(Filters.eq("conversations", conversation))) {
            linked.addAll(doc.getList("conversations", String.class, List.of()));
        }
        linked.remove(conversation);
        return List.copyOf(linked);
    }
}
