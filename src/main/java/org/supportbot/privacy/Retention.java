package org.supportbot.privacy;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.store.Expiry;
import org.supportbot.store.Store;

/**
 * How long customers' data is kept ({@code supportbot.privacy.retention.*}; {@code 0} keeps for
 * ever), enforced by the hourly housekeeping job:
 * <ul>
 *   <li>{@code transcripts} (90 days): the turns of the {@code messages} collection, by their time, and
 *       conversation state not touched for as long while the customer is with the bot;
 *   <li>{@code tickets} (365 days): closed tickets, with the transcript copied into them, by when they closed;
 *   <li>{@code feedback} (365 days): "did this help?" answers;
 *   <li>{@code suggestions} (180 days): questions the bot missed, collected for editors.
 * </ul>
 * On MongoDB each is also a TTL index on its time field ({@link TtlIndexes}): the server removes
 * documents within a minute of their expiry and the job's deletes read that same index. The embedded
 * store has no TTL and scans; its collections are small.
 */
@Component
class Retention implements Expiry {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** One kind of data: where, which time field, for how long, and which documents only. */
    record Rule(String collection, String field, Duration keep, Bson only) {
    }

    private final Store store;
    private final List<Rule> rules;

    Retention(Store store, @Value("${supportbot.privacy.retention.transcripts:90d}") Duration transcripts,
            @Value("${supportbot.privacy.retention.tickets:365d}") Duration tickets,
            @Value("${supportbot.privacy.retention.feedback:365d}") Duration feedback,
            @Value("${supportbot.privacy.retention.suggestions:180d}") Duration suggestions) {
        this.store = store;
        this.rules = List.of(
                new Rule(PersonalCollections.MESSAGES, "at", check("transcripts", transcripts), Filters.empty()),
                new Rule(PersonalCollections.CONVERSATIONS, "updatedAt", transcripts, Filters.eq("status", "WITH_BOT")),
                new Rule(PersonalCollections.TICKETS, "closedAt", check("tickets", tickets), Filters.empty()),
                new Rule(PersonalCollections.FEEDBACK, "at", check("feedback", feedback), Filters.empty()),
                new Rule("curation_questions", "at", check("suggestions", suggestions), Filters.empty()));
        if (!store.embedded()) {
            TtlIndexes.ensure(store.database(), rules);
        }
    }

    private static Duration check(String name, Duration keep) {
        if (keep.isNegative() || !keep.isZero() && keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("supportbot.privacy.retention." + name + " must be 0 (keep for ever) or at least 1d, got " + keep);
        }
        return keep;
    }

    @Override
    public long expire(Instant now) {
        long removed = 0;
        for (var rule : rules) {
            if (rule.keep().isZero()) {
                continue;
            }
            var before = Date.from(now.minus(rule.keep()));
            long n = store.database().getCollection(rule.collection())
                    .deleteMany(Filters.and(Filters.lt(rule.field(), before), rule.only())).getDeletedCount();
            if (n > 0) {
                log.info("Retention removed {} documents of {} older than {}", n, rule.collection(), rule.keep());
            }
            removed += n;
        }
        return removed;
    }

    List<Rule> rules() {
        return rules;
    }
}
