package org.supportbot.channel.telegram;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Telegram updates carrying files, as the Bot API sends them, for {@link FakeBotApi}. */
final class MediaUpdates {

    private MediaUpdates() {
    }

    /** A photo (three sizes, the largest last) in a private chat, with a caption and an album id if given. */
    static ObjectNode photo(long updateId, long chatId, String firstName, String fileId, @Nullable String caption, @Nullable String album) {
        var update = FakeBotApi.JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = privateMessage(update.putObject("message"), updateId, chatId, firstName);
        var sizes = message.putArray("photo");
        for (int i = 1; i <= 3; i++) {
            var size = sizes.addObject();
            size.put("file_id", i == 3 ? fileId : fileId + "-small" + i);
            size.put("file_unique_id", fileId + "-u" + i);
            size.put("width", 320 * i);
            size.put("height", 240 * i);
            size.put("file_size", 10_000 * i);
        }
        if (caption != null) {
            message.put("caption", caption);
        }
        if (album != null) {
            message.put("media_group_id", album);
        }
        return update;
    }

    /** A document in a private chat. */
    static ObjectNode document(long updateId, long chatId, String firstName, String fileId, String name, String mime, long size) {
        var update = FakeBotApi.JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = privateMessage(update.putObject("message"), updateId, chatId, firstName);
        var document = message.putObject("document");
        document.put("file_id", fileId);
        document.put("file_unique_id", fileId + "-u");
        document.put("file_name", name);
        document.put("mime_type", mime);
        document.put("file_size", size);
        return update;
    }

    /** A photo an operator posts in a ticket's forum topic. */
    static ObjectNode topicPhoto(long updateId, long groupId, long threadId, long fromId, String fileId, String caption) {
        var update = FakeBotApi.topicMessage(updateId, groupId, threadId, fromId, "Анна", "x");
        var message = (ObjectNode) update.path("message");
        message.remove("text");
        message.remove("entities");
        var size = message.putArray("photo").addObject();
        size.put("file_id", fileId);
        size.put("file_unique_id", fileId + "-u");
        size.put("width", 800);
        size.put("height", 600);
        size.put("file_size", 50_000);
        message.put("caption", caption);
        return update;
    }

    /** The answer to {@code getFile}. */
    static String file(String fileId, long size, String path) {
        return "{\"file_id\":\"" + fileId + "\",\"file_unique_id\":\"" + fileId + "-u\",\"file_size\":" + size + ",\"file_path\":\"" + path + "\"}";
    }

    /** A message as {@code sendPhoto}, {@code sendDocument}… answer. */
    static String sentMessage(long messageId, long chatId) {
        return "{\"message_id\":" + messageId + ",\"date\":1700000000,\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"}}";
    }

    private static ObjectNode privateMessage(ObjectNode message, long messageId, long chatId, String firstName) {
        message.put("message_id", messageId);
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", "private");
        chat.put("first_name", firstName);
        var from = message.putObject("from");
        from.put("id", chatId);
        from.put("is_bot", false);
        from.put("first_name", firstName);
        from.put("language_code", "ru");
        return message;
    }
}
