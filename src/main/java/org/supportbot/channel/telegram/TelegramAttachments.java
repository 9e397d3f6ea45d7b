package org.supportbot.channel.telegram;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.Attachments;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * The attachment of a Telegram message as a reference: the file's {@code file_id} (a photo's
 * largest size), its type, size and name, the message it came in (to copy it into a topic) and its
 * album. A location, venue or contact has no file: its description is the name.
 */
final class TelegramAttachments {

    private TelegramAttachments() {
    }

    /** The attachments of {@code message} ({@code kind} as the channel named it), ids derived from the update key. */
    static List<Attachment> of(String updateKey, Message message, String kind) {
        var id = Attachments.idFor(updateKey, 0);
        var source = message.getChat() == null ? null : message.getChat().getId() + "/" + message.getMessageId();
        var group = message.getMediaGroupId();
        Attachment found = switch (kind) {
            case "photo" -> {
                var largest = message.getPhoto().stream().filter(Objects::nonNull)
                        .max(Comparator.comparingLong(TelegramAttachments::area).thenComparingLong(p -> size(p.getFileSize()))).orElse(null);
                yield largest == null ? null
                        : file(id, kind, largest.getFileId(), "image/jpeg", size(largest.getFileSize()), "photo.jpg", source, group);
            }
            case "document" -> file(id, kind, message.getDocument().getFileId(), message.getDocument().getMimeType(),
                    size(message.getDocument().getFileSize()), message.getDocument().getFileName(), source, group);
            case "voice" -> file(id, kind, message.getVoice().getFileId(), orDefault(message.getVoice().getMimeType(), "audio/ogg"),
                    size(message.getVoice().getFileSize()), "voice.ogg", source, group);
            case "audio" -> file(id, kind, message.getAudio().getFileId(), message.getAudio().getMimeType(),
                    size(message.getAudio().getFileSize()), orDefault(message.getAudio().getFileName(), "audio"), source, group);
            case "video" -> file(id, kind, message.getVideo().getFileId(), orDefault(message.getVideo().getMimeType(), "video/mp4"),
                    size(message.getVideo().getFileSize()), orDefault(message.getVideo().getFileName(), "video.mp4"), source, group);
            case "video_note" -> file(id, kind, message.getVideoNote().getFileId(), "video/mp4",
                    size(message.getVideoNote().getFileSize()), "video-note.mp4", source, group);
            case "animation" -> file(id, kind, message.getAnimation().getFileId(), orDefault(message.getAnimation().getMimeType(), "video/mp4"),
                    size(message.getAnimation().getFileSize()), orDefault(message.getAnimation().getFileName(), "animation.mp4"), source, group);
            case "sticker" -> {
                var sticker = message.getSticker();
                var type = Boolean.TRUE.equals(sticker.getIsAnimated()) ? "application/x-tgsticker"
                        : Boolean.TRUE.equals(sticker.getIsVideo()) ? "video/webm" : "image/webp";
                yield file(id, kind, sticker.getFileId(), type, size(sticker.getFileSize()), "sticker.webp", source, group);
            }
            case "venue" -> new Attachment(id, kind, TelegramSender.CHANNEL, null, null, 0,
                    message.getVenue().getTitle() + ", " + message.getVenue().getAddress(), source, group);
            case "location" -> new Attachment(id, kind, TelegramSender.CHANNEL, null, null, 0,
                    message.getLocation().getLatitude() + ", " + message.getLocation().getLongitude(), source, group);
            case "contact" -> new Attachment(id, kind, TelegramSender.CHANNEL, null, null, 0,
                    contact(message), source, group);
            default -> null;
        };
        return found == null ? List.of() : List.of(found);
    }

    private static Attachment file(String id, String kind, String fileId, @Nullable String mime, long size, @Nullable String name,
            @Nullable String source, @Nullable String group) {
        return new Attachment(id, kind, TelegramSender.CHANNEL, fileId, mime, size, name, source, group);
    }

    private static String contact(Message message) {
        var contact = message.getContact();
        var name = (orDefault(contact.getFirstName(), "") + " " + orDefault(contact.getLastName(), "")).strip();
        return (name + " " + orDefault(contact.getPhoneNumber(), "")).strip();
    }

    private static long area(PhotoSize photo) {
        return photo.getWidth() == null || photo.getHeight() == null ? 0 : (long) photo.getWidth() * photo.getHeight();
    }

    private static long size(@Nullable Number size) {
        return size == null ? 0 : Math.max(0, size.longValue());
    }

    private static String orDefault(@Nullable String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
