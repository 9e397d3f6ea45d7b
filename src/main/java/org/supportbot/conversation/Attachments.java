package org.supportbot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Attachments of every conversation: their references (the {@code attachments} collection) and the
 * bytes of files uploaded to the web chat or the console ({@code attachment_chunks}), every document
 * with its {@code conversation} so that erasing a customer erases their files.
 *
 * <p>{@link #open} fetches a file's bytes — from the store, or from its platform through the
 * channel's {@link AttachmentSource} — and keeps them briefly (a few minutes, 64 MB in all), so an
 * operator opening a picture twice asks Telegram once. Thread-safe.
 */
@Service
public class Attachments {

    /** The largest file kept in the store (web-chat and console uploads). */
    public static final int MAX_STORED_BYTES = 10 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AttachmentStore store;
    private final Map<String, AttachmentSource> sources;
    private final Clock clock;
    private final Cache<String, AttachmentSource.FileContent> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumWeight(64L * 1024 * 1024)
            .weigher((String id, AttachmentSource.FileContent file) -> file.bytes().length)
            .build();

    Attachments(AttachmentStore store, List<AttachmentSource> sources, Clock clock) {
        this.store = store;
        this.sources = sources.stream().collect(Collectors.toMap(AttachmentSource::channel, Function.identity()));
        this.clock = clock;
    }

    /** An attachment and the conversation it belongs to. */
    public record Stored(ConversationId conversation, Attachment attachment) {
    }

    /**
     * The id of the {@code index}-th attachment of a platform update: the same for a redelivered
     * update, so it is remembered once.
     */
    public static String idFor(String updateKey, int index) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest((updateKey + "#" + index).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A new random id, for an upload. */
    public static String newId() {
        var bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Remembers references to attachments of a conversation (again: no change). */
    public void remember(ConversationId conversation, List<Attachment> attachments) {
        for (var attachment : attachments) {
            store.remember(conversation, attachment, clock.instant());
        }
    }

    /**
     * Keeps an uploaded file's bytes and returns its reference.
     *
     * @throws IllegalArgumentException when it is empty or over {@link #MAX_STORED_BYTES}
     */
    public Attachment keep(ConversationId conversation, String kind, String name, String mime, byte[] bytes) {
        if (bytes.length == 0 || bytes.length > MAX_STORED_BYTES) {
            throw new IllegalArgumentException("a kept file has 1 to " + MAX_STORED_BYTES + " bytes, got " + bytes.length);
        }
        var attachment = new Attachment(newId(), kind, Attachment.STORED, null, mime, bytes.length, name, null, null);
        store.keep(conversation, attachment, bytes, clock.instant());
        recent.put(attachment.id(), new AttachmentSource.FileContent(bytes, mime));
        return attachment;
    }

    /** The attachment with this id, if there is one. */
    public Optional<Stored> find(String id) {
        return store.find(id);
    }

    /**
     * The bytes of an attachment.
     *
     * @throws AttachmentUnavailable when it has no file, its platform no longer has it or refuses it, or the download failed
     */
    public AttachmentSource.FileContent open(Attachment attachment) throws AttachmentUnavailable {
        var cached = recent.getIfPresent(attachment.id());
        if (cached != null) {
            return cached;
        }
        AttachmentSource.FileContent content;
        if (Attachment.STORED.equals(attachment.source())) {
            var bytes = store.bytes(attachment.id())
                    .orElseThrow(() -> new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE, "the file was erased"));
            content = new AttachmentSource.FileContent(bytes, attachment.mime());
        } else {
            var source = sources.get(attachment.source());
            if (source == null || attachment.fileId() == null) {
                throw new AttachmentUnavailable(AttachmentUnavailable.Reason.GONE,
                        "no file to fetch from '" + attachment.source() + "' for a " + attachment.kind());
            }
            content = source.fetch(attachment);
        }
        recent.put(attachment.id(), content);
        return content;
    }
}
