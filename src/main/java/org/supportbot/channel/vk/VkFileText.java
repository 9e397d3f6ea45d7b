package org.supportbot.channel.vk;

import org.supportbot.conversation.Attachment;

/** How a file without bytes (a location, a contact) reads in a VK message. */
final class VkFileText {

    private VkFileText() {
    }

    static String describe(Attachment file) {
        var icon = switch (file.kind()) {
            case "location", "venue" -> "📍 ";
            case "contact" -> "👤 ";
            default -> "📎 ";
        };
        return icon + (file.name() == null ? file.kind() : file.name());
    }
}
