package org.supportbot.privacy;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.supportbot.store.Store;

/**
 * A customer's rights over their data: erase everything kept about them, or export it. The subject
 * is a conversation ({@code telegram:4242}), or a verified phone or e-mail naming every conversation
 * linked to it. Both write an audit entry without content. Thread-safe; an erase of a running bot's
 * conversation first publishes {@link CustomerErasing} so that its ticket is closed and nothing of
 * it stays in memory.
 */
@Service
public class CustomerData {

    private static final Logger log = LoggerFactory.getLogger(CustomerData.class);
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build();

    private final Store store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerData(Store store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks that {@code subject} names a customer: a conversation, a phone or an e-mail.
     *
     * @throws IllegalArgumentException saying what a subject looks like, when it is none
     */
    public static void check(String subject) {
        Subjects.check(subject);
    }

    /**
     * Removes, or anonymises where reports count from, everything about the customer in every
     * collection; on the embedded store the file is compacted after (a stopped store's file is
     * rewritten when it closes, which leaves no byte of the erased data).
     *
     * @param by who asked, for the audit ({@code admin}, {@code cli:anna})
     * @throws IllegalArgumentException when {@code subject} is no conversation, phone or e-mail
     */
    public Erasure erase(String subject, String by) {
        var db = store.database();
        var conversations = Subjects.conversations(db, subject);
        var removed = new HashMap<String, Long>();
        var anonymised = new HashMap<String, Long>();
        var collections = new PersonalCollections(db);
        var now = clock.instant();
        for (var conversation : conversations) {
            events.publishEvent(new CustomerErasing(conversation));
            var pseudonym = Subjects.channel(conversation) + ":erased-" + UUID.randomUUID().toString().substring(0, 13);
            collections.erase(conversation, pseudonym, now, removed, anonymised);
            events.publishEvent(new CustomerErased(conversation));
        }
        boolean found = !removed.isEmpty() || !anonymised.isEmpty();
        var erased = found ? conversations : List.<String>of();
        if (found) {
            new PrivacyAudit(db).erased(erased, by, removed, anonymised, now);
            store.flush();
            store.compact();
        }
        log.info("Erase by {}: {} conversation(s), {} documents removed, {} anonymised", by, erased.size(),
                removed.values().stream().mapToLong(Long::longValue).sum(), anonymised.values().stream().mapToLong(Long::longValue).sum());
        return new Erasure(erased, removed, anonymised);
    }

    /**
     * Everything kept about the customer as JSON: {@code {"subject", "exportedAt", "conversations":
     * {"telegram:4242": {"conversations": [...], "messages": [...], ...}}}}, collections with
     * nothing left out.
     *
     * @throws IllegalArgumentException when {@code subject} is no conversation, phone or e-mail
     */
    public String export(String subject, String by) {
        var db = store.database();
        var conversations = Subjects.conversations(db, subject);
        var collections = new PersonalCollections(db);
        var all = new Document();
        for (var conversation : conversations) {
            var data = collections.export(conversation);
            if (!data.isEmpty()) {
                all.append(conversation, data);
            }
        }
        var now = clock.instant();
        new PrivacyAudit(db).exported(List.copyOf(all.keySet()), by, now);
        store.flush();
        return new Document("subject", subject.strip()).append("exportedAt", java.util.Date.from(now)).append("conversations", all).toJson(JSON);
    }
}
