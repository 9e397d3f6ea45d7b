package org.supportbot.conversation;

/**
 * Fetches the bytes of attachments that stay on a platform (Telegram's {@code getFile}, a VK URL).
 * Channels implement it next to their {@link MessageSender}. Implementations must be thread-safe and
 * must bound the time and size of a download.
 */
public interface AttachmentSource {

    /** The platform whose files it fetches, as in {@link Attachment#source()}. */
    String channel();

    /**
     * Downloads one file.
     *
     * @throws AttachmentUnavailable when the platform has no such file any more, it is too big, or the download failed or stalled
     */
    FileContent fetch(Attachment attachment) throws AttachmentUnavailable;

    /** Bytes of a file, with the type the platform stated (null if none). */
    record FileContent(byte[] bytes, @org.jspecify.annotations.Nullable String mime) {
    }
}
