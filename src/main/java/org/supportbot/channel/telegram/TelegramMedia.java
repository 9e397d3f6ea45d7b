package org.supportbot.channel.telegram;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.OutboundMessage;
import org.telegram.telegrambots.meta.api.methods.CopyMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendAudio;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.send.SendSticker;
import org.telegram.telegrambots.meta.api.methods.send.SendVoice;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Sends a message carrying an {@link Attachment} to a Telegram chat or topic: a Telegram message
 * is copied ({@code copyMessage}, caption kept; a deleted original falls back to its
 * {@code file_id}); another Telegram file goes by its {@code file_id}; files from elsewhere (the
 * console, the web chat, VK) are uploaded — {@code sendPhoto} for a JPEG or PNG picture,
 * {@code sendVoice}, {@code sendAudio}, else {@code sendDocument}. A location or contact without a
 * Telegram message goes as text. Errors are classified as for texts ({@link TelegramSender}).
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramMedia {

    /** Telegram's longest caption; a longer text goes as a message of its own before the file. */
    static final int MAX_CAPTION = 1024;

    private final TelegramApi api;
    private final TelegramSender sender;
    private final Attachments attachments;
    private final TelegramSettings settings;

    TelegramMedia(TelegramApi api, TelegramSender sender, Attachments attachments, TelegramSettings settings) {
        this.api = api;
        this.sender = sender;
        this.attachments = attachments;
        this.settings = settings;
    }

    void send(String deliveryId, long chatId, @Nullable Integer thread, OutboundMessage message) throws DeliveryException {
        var file = message.attachment();
        if (file == null) {
            sender.sendText(deliveryId, chatId, thread, message.text(), message.buttons());
            return;
        }
        var caption = message.text().strip();
        if (caption.length() > MAX_CAPTION || !file.hasFile() && file.message() == null) {
            var text = file.hasFile() || file.message() != null ? caption : (caption + "\n" + describe(file)).strip();
            sender.sendText(deliveryId + "#text", chatId, thread, text, List.of());
            caption = "";
            if (!file.hasFile()) {
                return;
            }
        }
        sender.awaitRateLimit(chatId);
        try {
            if (TelegramSender.CHANNEL.equals(file.source()) && file.message() != null && copy(chatId, thread, file)) {
                return;
            }
            if (TelegramSender.CHANNEL.equals(file.source()) && file.fileId() != null) {
                upload(chatId, thread, file, new InputFile(file.fileId()), caption);
                return;
            }
            var content = attachments.open(file);
            var name = file.name() == null ? "file" : file.name();
            upload(chatId, thread, file, new InputFile(new ByteArrayInputStream(content.bytes()), name), caption);
        } catch (AttachmentUnavailable e) {
            if (e.reason() == AttachmentUnavailable.Reason.FAILED) {
                throw DeliveryException.retry("the file to send is not available yet: " + e.getMessage(), null);
            }
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "the file to send is gone: " + e.getMessage(), null);
        } catch (TelegramApiRequestException e) {
            throw sender.classify(chatId, e);
        } catch (TelegramApiException e) {
            throw DeliveryException.retry(settings.mask("no answer from Telegram: " + e.getMessage()), null);
        }
    }

    /** Copies the original message; false when Telegram no longer has it (deleted) and the file id is there to send instead. */
    private boolean copy(long chatId, @Nullable Integer thread, Attachment file) throws TelegramApiException {
        var where = String.valueOf(file.message()).split("/", 2);
        try {
            api.client().execute(CopyMessage.builder().chatId(chatId).messageThreadId(thread)
                    .fromChatId(where[0]).messageId(Integer.parseInt(where[1])).build());
            return true;
        } catch (TelegramApiRequestException e) {
            if (file.fileId() != null && e.getErrorCode() != null && e.getErrorCode() == 400
                    && String.valueOf(e.getApiResponse()).toLowerCase(Locale.ROOT).contains("message to copy not found")) {
                return false;
            }
            throw e;
        }
    }

    private void upload(long chatId, @Nullable Integer thread, Attachment file, InputFile input, String caption) throws TelegramApiException {
        var text = caption.isEmpty() ? null : caption;
        var mime = file.mime() == null ? "" : file.mime().toLowerCase(Locale.ROOT);
        var client = api.client();
        if (file.kind().equals("sticker") && file.fileId() != null) {
            client.execute(SendSticker.builder().chatId(chatId).messageThreadId(thread).sticker(input).build());
        } else if (file.kind().equals("photo") || mime.equals("image/jpeg") || mime.equals("image/png")) {
            client.execute(SendPhoto.builder().chatId(chatId).messageThreadId(thread).photo(input).caption(text).build());
        } else if (file.kind().equals("voice")) {
            client.execute(SendVoice.builder().chatId(chatId).messageThreadId(thread).voice(input).caption(text).build());
        } else if (file.kind().equals("audio") || mime.startsWith("audio/")) {
            client.execute(SendAudio.builder().chatId(chatId).messageThreadId(thread).audio(input).caption(text).build());
        } else {
            client.execute(SendDocument.builder().chatId(chatId).messageThreadId(thread).document(input).caption(text).build());
        }
    }

    private static String describe(Attachment file) {
        var icon = switch (file.kind()) {
            case "location", "venue" -> "📍 ";
            case "contact" -> "👤 ";
            default -> "📎 ";
        };
        return icon + (file.name() == null ? file.kind() : file.name());
    }
}
