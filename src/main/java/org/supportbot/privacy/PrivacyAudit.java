package org.supportbot.privacy;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code privacy_audit} collection: one entry per erase or export — when, by whom, what kind
 * of subject, and how many documents; never the content, and the customer only as a SHA-256
 * digest of the conversation id, which proves a given customer was erased without naming them.
 */
final class PrivacyAudit {

    static final String COLLECTION = "privacy_audit";

    private final MongoDatabase db;

    PrivacyAudit(MongoDatabase db) {
        this.db = db;
    }

    void erased(List<String> conversations, String by, Map<String, Long> removed, Map<String, Long> anonymised, Instant at) {
        db.getCollection(COLLECTION).insertOne(new Document("action", "erase").append("at", Date.from(at)).append("by", by)
                .append("subjects", conversations.stream().map(PrivacyAudit::digest).toList())
                .append("removed", new Document(Map.copyOf(removed))).append("anonymised", new Document(Map.copyOf(anonymised))));
    }

    void exported(List<String> conversations, String by, Instant at) {
        db.getCollection(COLLECTION).insertOne(new Document("action", "export").append("at", Date.from(at)).append("by", by)
                .append("subjects", conversations.stream().map(PrivacyAudit::digest).toList()));
    }

    /** {@code telegram:sha256(telegram:4242)}: the channel, and a digest of the id. */
    static String digest(String conversation) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(conversation.getBytes(StandardCharsets.UTF_8));
            return Subjects.channel(conversation) + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
