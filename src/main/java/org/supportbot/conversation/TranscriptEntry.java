package org.supportbot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation's transcript, for operators.
 *
 * @param at when it was written
 * @param author {@code customer}, {@code bot} or {@code operator}
 * @param authorName the operator's name, for operator messages
 * @param text what was written; a non-text message as e.g. {@code [photo] caption}, a pressed button as {@code [button] payload}
 * @param intent what the bot understood of a customer message, if it tried
 * @param confidence the bot's confidence in that intent
 * @param decision what the bot decided: {@code answer}, {@code clarify} or {@code escalate}
 * @param attachments the files, pictures, locations… of the message
 */
public record TranscriptEntry(Instant at, String author, @Nullable String authorName, String text, @Nullable String intent,
        double confidence, @Nullable String decision, List<File> attachments) {

    /** Where operators fetch an attachment: {@value}{@code <id>}, on this server, with their session or Basic. */
    public static final String FILE_PATH = "/api/operator/attachments/";

    public TranscriptEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    /** An entry without attachments. */
    public TranscriptEntry(Instant at, String author, @Nullable String authorName, String text, @Nullable String intent,
            double confidence, @Nullable String decision) {
        this(at, author, authorName, text, intent, confidence, decision, List.of());
    }

    /**
     * An attachment as operators see it.
     *
     * @param url a path of this server that fetches it (null for a location or a contact, which have no file)
     */
    public record File(String id, String kind, @Nullable String name, @Nullable String mime, long size, @Nullable String url) {

        static File of(Attachment attachment) {
            return new File(attachment.id(), attachment.kind(), attachment.name(), attachment.mime(), attachment.size(),
                    attachment.hasFile() ? FILE_PATH + attachment.id() : null);
        }
    }
}
