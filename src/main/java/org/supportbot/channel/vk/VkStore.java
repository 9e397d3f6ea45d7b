package org.supportbot.channel.vk;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * What the VK channel keeps in the store besides the inbox and outbox: users who denied messages
 * from the community ({@code vk_users}), the Bots Long Poll position ({@code vk_longpoll}, so that a
 * restart goes on where polling stopped), and button payloads too long for VK's 255-character button
 * payload ({@code vk_payloads}). Single-document operations only; thread-safe and safe across instances.
 */
@Component
@Conditional(VkEnabled.class)
class VkStore {

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> longPoll;
    private final MongoCollection<Document> payloads;
    private final Clock clock;

    VkStore(Store store, Clock clock) {
        this.users = store.database().getCollection("vk_users");
        this.longPoll = store.database().getCollection("vk_longpoll");
        this.payloads = store.database().getCollection("vk_payloads");
        this.clock = clock;
    }

    /** The user denied messages from the community (or VK refused to deliver to them): stop sending. The conversation is kept. */
    void markDenied(long userId) {
        users.updateOne(Filters.eq("_id", userId), Updates.combine(Updates.set("denied", true),
                Updates.set("deniedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
    }

    /** The user allowed messages again. */
    void markAllowed(long userId) {
        users.updateOne(Filters.and(Filters.eq("_id", userId), Filters.eq("denied", true)),
                Updates.combine(Updates.set("denied", false), Updates.set("allowedAt", Date.from(clock.instant()))));
    }

    boolean isDenied(long userId) {
        var doc = users.find(Filters.eq("_id", userId)).first();
        return doc != null && doc.getBoolean("denied", false);
    }

    /** The {@code ts} from which long polling goes on for this community, if it polled before. */
    @Nullable String longPollTs(long groupId) {
        var doc = longPoll.find(Filters.eq("_id", groupId)).first();
        return doc == null ? null : doc.getString("ts");
    }

    /** Records that every event before {@code ts} is stored. */
    void saveLongPollTs(long groupId, String ts) {
        longPoll.updateOne(Filters.eq("_id", groupId), Updates.combine(Updates.set("ts", ts),
                Updates.set("savedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
    }

    /** Stores a payload too long for a button under a key derived from it (same payload, same key); returns the key. */
    String storePayload(String payload) {
        var key = hash(payload);
        payloads.replaceOne(Filters.eq("_id", key), new Document("_id", key).append("payload", payload)
                .append("storedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
        return key;
    }

    /** The payload stored under {@code key}, or null when unknown. */
    @Nullable String payload(String key) {
        var doc = payloads.find(Filters.eq("_id", key)).first();
        return doc == null ? null : doc.getString("payload");
    }

    /** 32 characters of base64url SHA-256: 192 bits, no collisions in practice. */
    private static String hash(String payload) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
