package org.supportbot.channel.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.ConversationId;
import org.supportbot.store.Store;

/**
 * The web chat's sessions ({@code web_sessions}): the server issues each token (256 random bits,
 * URL-safe base64) and keeps only its SHA-256, so neither the store nor the operators ever hold
 * one. A token the server never issued names no conversation. Issued sessions live in the store and
 * so survive a restart; hashes seen recently are also remembered here, to spare the store a read
 * per message. Thread-safe and safe across instances.
 */
@Component
class WebSessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    /** Hex characters of the hash in the conversation id: 64 bits, unique among any number of chats a store will see. */
    private static final int HANDLE_LENGTH = 16;

    private final MongoCollection<Document> sessions;
    private final Store store;
    private final Clock clock;
    private final Cache<String, Boolean> issued = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    WebSessions(Store store, Clock clock) {
        this.sessions = store.database().getCollection("web_sessions");
        this.store = store;
        this.clock = clock;
    }

    /** A new session token; durable once this returns. */
    String issue() {
        var bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var hash = sha256(token);
        sessions.insertOne(new Document("_id", hash).append("issuedAt", Date.from(clock.instant())));
        store.flush();
        issued.put(hash, true);
        return token;
    }

    /**
     * The conversation of an issued token: {@code web:} and the first 16 hex characters of the
     * token's SHA-256, so that what operators see cannot be used to write as the customer.
     */
    Optional<ConversationId> conversationOf(String token) {
        var hash = sha256(token);
        if (issued.getIfPresent(hash) == null) {
            if (sessions.find(Filters.eq("_id", hash)).first() == null) {
                return Optional.empty();
            }
            issued.put(hash, true);
        }
        return Optional.of(new ConversationId(WebChatController.CHANNEL, hash.substring(0, HANDLE_LENGTH)));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
