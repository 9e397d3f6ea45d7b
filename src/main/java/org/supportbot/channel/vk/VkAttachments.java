package org.supportbot.channel.vk;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.Attachments;
import tools.jackson.databind.JsonNode;

/**
 * The attachments of a VK message as references: a photo's largest size, a document, a voice
 * message ({@code audio_message}, its OGG), a sticker's largest image — each by the URL VK gives,
 * fetched on demand ({@link VkFiles}); a video or anything else VK gives no file for is kept by
 * kind; {@code geo} as a location. Every item of a message with several is kept.
 */
final class VkAttachments {

    private VkAttachments() {
    }

    static List<Attachment> of(String key, JsonNode message) {
        var found = new ArrayList<Attachment>();
        for (var item : message.path("attachments")) {
            var type = item.path("type").asString("");
            var body = item.path(type);
            var id = Attachments.idFor(key, found.size());
            found.add(switch (type) {
                case "photo" -> file(id, "photo", largest(body.path("sizes")), "image/jpeg", 0, "photo.jpg");
                case "doc" -> file(id, "document", text(body, "url"), null, body.path("size").asLong(0),
                        text(body, "title") == null ? "document" : text(body, "title"));
                case "audio_message" -> file(id, "voice", text(body, "link_ogg"), "audio/ogg", 0, "voice.ogg");
                case "sticker" -> file(id, "sticker", largest(body.path("images")), "image/png", 0, "sticker.png");
                default -> new Attachment(id, type.isBlank() ? "attachment" : type, VkEvents.CHANNEL, null, null, 0, null, null, null);
            });
        }
        if (message.has("geo")) {
            var place = message.path("geo").path("coordinates");
            found.add(new Attachment(Attachments.idFor(key, found.size()), "location", VkEvents.CHANNEL, null, null, 0,
                    place.path("latitude").asString("") + ", " + place.path("longitude").asString(""), null, null));
        }
        return found;
    }

    private static Attachment file(String id, String kind, @Nullable String url, @Nullable String mime, long size, String name) {
        return new Attachment(id, kind, VkEvents.CHANNEL, url, mime, Math.max(0, size), name, null, null);
    }

    /** The URL of the biggest image among VK's sizes ({@code width} × {@code height}). */
    private static @Nullable String largest(JsonNode sizes) {
        String best = null;
        long area = -1;
        for (var size : sizes) {
            long here = size.path("width").asLong(0) * size.path("height").asLong(0);
            if (here > area && text(size, "url") != null) {
                area = here;
                best = text(size, "url");
            }
        }
        return best;
    }

    private static @Nullable String text(JsonNode node, String field) {
        var value = node.path(field).asString("");
        return value.isBlank() ? null : value;
    }
}
