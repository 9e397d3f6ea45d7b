package org.supportbot.channel.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.store.Store;

/**
 * What the Telegram channel keeps in the store besides the inbox and outbox: chats that blocked the
 * bot ({@code telegram_chats}), button payloads too long for {@code callback_data}
 * ({@code telegram_callbacks}), and how many parts of a split reply are sent ({@code telegram_parts}).
 * Single-document operations only; thread-safe and safe across instances.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramStore {

    /** Telegram's limit for {@code callback_data}, in bytes. */
    static final int MAX_CALLBACK_DATA = 64;
    /** Marks callback data that stands for a stored payload; payloads that start with it are stored too. */
    static final String STORED_PAYLOAD = "#";

    private final MongoCollection<Document> chats;
    private final MongoCollection<Document> callbacks;
    private final MongoCollection<Document> parts;
    private final Clock clock;
    /**
     * Whether a chat blocked the bot, as last read or written here: every send asks, and reading
     * the store for it was one command per reply. Another instance's mark is seen after a minute
     * at most; until then a send there fails with 403 and marks the chat blocked here too.
     */
    private final Cache<Long, Boolean> blocked = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    TelegramStore(Store store, Clock clock) {
        this.chats = store.database().getCollection("telegram_chats");
        this.callbacks = store.database().getCollection("telegram_callbacks");
        this.parts = store.database().getCollection("telegram_parts");
        this.clock = clock;
    }

    /** The user blocked the bot (or the bot was removed from the chat): stop sending there. The conversation is kept. */
    void markBlocked(long chatId) {
        chats.updateOne(Filters.eq("_id", chatId), Updates.combine(Updates.set("blocked", true),
                Updates.set("blockedAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
        blocked.put(chatId, true);
    }

    /** The user unblocked the bot. */
    void markUnblocked(long chatId) {
        chats.updateOne(Filters.and(Filters.eq("_id", chatId), Filters.eq("blocked", true)),
                Updates.combine(Updates.set("blocked", false), Updates.set("unblockedAt", Date.from(clock.instant()))));
        blocked.put(chatId, false);
    }

    boolean isBlocked(long chatId) {
        return blocked.get(chatId, id -> {
            var doc = chats.find(Filters.eq("_id", id)).first();
            return doc != null && doc.getBoolean("blocked", false);
        });
    }

    /**
     * The {@code callback_data} for a button payload: the payload itself when it fits in 64 bytes,
     * otherwise a key under which the payload is stored (same payload, same key).
     */
    String callbackData(String payload) {
        if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_CALLBACK_DATA && !payload.startsWith(STORED_PAYLOAD)) {
            return payload;
        }
        var key = STORED_PAYLOAD + hash(payload);
        callbacks.replaceOne(Filters.eq("_id", key), new Document("_id", key).append("payload", payload)
                .append("storedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
        return key;
    }

    /** The payload a button's {@code callback_data} stands for; unknown keys come back as they are. */
    String payload(String callbackData) {
        if (!callbackData.startsWith(STORED_PAYLOAD)) {
            return callbackData;
        }
        var doc = callbacks.find(Filters.eq("_id", callbackData)).first();
        return doc == null ? callbackData : doc.getString("payload");
    }

    /** How many parts of the reply {@code deliveryId} were sent by earlier attempts. */
    int sentParts(String deliveryId) {
        var doc = parts.find(Filters.eq("_id", deliveryId)).first();
        return doc == null ? 0 : doc.getInteger("sent", 0);
    }

    void recordSentParts(String deliveryId, int sent) {
        parts.updateOne(Filters.eq("_id", deliveryId), Updates.set("sent", sent), new UpdateOptions().upsert(true));
    }

    void forgetParts(String deliveryId) {
        parts.deleteOne(Filters.eq("_id", deliveryId));
    }

    /** 32 characters of base64url SHA-256: 192 bits, no collisions in practice; fits with the prefix in 64 bytes. */
    private static String hash(String payload) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
