package org.supportbot.privacy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * The retention periods as MongoDB TTL indexes: a single-field index on the time field with
 * {@code expireAfterSeconds}, partial where a rule keeps only some documents (TTL indexes may be
 * partial). A documented TTL index removes a document once the field's date is older than the
 * period; documents without the field (an open ticket has no {@code closedAt}) never expire.
 * A period changed since the index was made is applied with {@code collMod}; a retention of 0
 * drops nothing: the index stays, without removing, until an operator drops it.
 */
final class TtlIndexes {

    /** MongoDB's IndexOptionsConflict: the index exists with other options (another period). */
    private static final int OPTIONS_CONFLICT = 85;
    private static final String NAME_SUFFIX = "_retention";

    private TtlIndexes() {
    }

    static void ensure(MongoDatabase db, List<Retention.Rule> rules) {
        for (var rule : rules) {
            if (rule.keep().isZero()) {
                continue;
            }
            var name = rule.field() + NAME_SUFFIX;
            var options = new IndexOptions().name(name).expireAfter(rule.keep().toSeconds(), TimeUnit.SECONDS);
            var only = rule.only().toBsonDocument(BsonDocument.class, db.getCodecRegistry());
            if (!only.isEmpty()) {
                options.partialFilterExpression(only);
            }
            try {
                db.getCollection(rule.collection()).createIndex(Indexes.ascending(rule.field()), options);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != OPTIONS_CONFLICT) {
                    throw e;
                }
                db.runCommand(new Document("collMod", rule.collection())
                        .append("index", new Document("name", name).append("expireAfterSeconds", rule.keep().toSeconds())));
            }
        }
    }

}
