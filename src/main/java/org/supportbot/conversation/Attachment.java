package org.supportbot.conversation;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A file, picture, voice message, location… that a customer or an operator sent: a reference, not
 * the bytes. Telegram and VK files stay on the platform ({@code fileId}, fetched on demand through
 * an {@link AttachmentSource}); files uploaded to the web chat or the console are kept in the
 * store ({@code source} = {@value #STORED}).
 *
 * @param id this attachment's id in the {@code attachments} collection: opaque, URL-safe
 * @param kind {@code photo}, {@code document}, {@code voice}, {@code audio}, {@code video},
 *        {@code video_note}, {@code animation}, {@code sticker}, {@code location}, {@code venue}, {@code contact}
 * @param source where the bytes are: a channel ({@code telegram}, {@code vk}) or {@value #STORED}
 * @param fileId the platform's id of the file (Telegram {@code file_id}, a VK URL); null for stored files and locations
 * @param mime the type the platform or the uploader stated (not trusted when served)
 * @param size bytes, 0 if unknown
 * @param name a file name (sanitised), or a description for a location or a contact
 * @param message the platform message it came in as {@code <chat>/<message id>}, to copy it; null if none
 * @param group the album (Telegram {@code media_group_id}) it belongs to; null if none
 */
public record Attachment(String id, String kind, String source, @Nullable String fileId, @Nullable String mime, long size,
        @Nullable String name, @Nullable String message, @Nullable String group) {

    /** The {@link #source} of files whose bytes are in the store. */
    public static final String STORED = "stored";

    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        name = name == null ? null : safeName(name);
    }

    /** Whether there are bytes to fetch (a location or a contact has none). */
    public boolean hasFile() {
        return fileId != null || STORED.equals(source);
    }

    /** Whether it shows as a picture. */
    public boolean isImage() {
        return kind.equals("photo") || kind.equals("sticker") || mime != null && mime.toLowerCase(Locale.ROOT).startsWith("image/");
    }

    /**
     * A file name safe to show and to put in a header: no path, no control or quoting characters,
     * at most 120 characters.
     */
    public static String safeName(String raw) {
        var name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        var out = new StringBuilder();
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || "\"<>:|?*;".indexOf(c) >= 0 ? '_' : c));
        var safe = out.toString().strip();
        while (safe.startsWith(".")) {
            safe = safe.substring(1);
        }
        if (safe.length() > 120) {
            safe = safe.substring(safe.length() - 120);
        }
        return safe.isEmpty() ? "file" : safe;
    }
}
