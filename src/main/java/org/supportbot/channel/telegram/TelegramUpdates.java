package org.supportbot.channel.telegram;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.channel.internal.MaskedId;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.knowledge.Language;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Turns Telegram updates into {@link InboundMessage}s for the {@link ConversationEngine}, however
 * they arrived (polling or webhook). An update is stored in the inbox under
 * {@code telegram:<update_id>} before {@link #accept} returns, so a redelivered one is answered once.
 *
 * The customer's name is Telegram's {@code first_name}; their {@code language_code} is the
 * language hint for greeting a new customer.
 *
 * <ul>
 *   <li>{@code message} and {@code edited_message} (an edit is a new message, under its own update
 *       id): text and commands, or a sticker, photo, voice… as {@link InboundMessage.NonText} with
 *       its kind and caption. Service messages (nothing the customer wrote) are ignored.
 *   <li>{@code callback_query}: the pressed button's payload; the query is answered so that the
 *       button's spinner stops.
 *   <li>{@code my_chat_member}: a user who blocks the bot ({@code kicked}) gets nothing more; the
 *       conversation is kept. Unblocking ({@code member}) lifts that.
 * </ul>
 *
 * Only private chats are customers: other groups are ignored without an answer; messages in the
 * operator group ({@code TELEGRAM_OPERATOR_CHAT_ID}) go to {@link OperatorGroup}. Thread-safe.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramUpdates {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);

    /** The updates we ask Telegram for (polling and webhook alike). */
    static final List<String> ALLOWED = List.of("message", "edited_message", "callback_query", "my_chat_member");
    static final String KEY_PREFIX = TelegramSender.CHANNEL + ":";

    private final ConversationEngine engine;
    private final TelegramApi api;
    private final TelegramStore store;
    private final TelegramSettings settings;
    private final OperatorGroup operatorGroup;
    private final org.supportbot.conversation.Attachments attachments;

    TelegramUpdates(ConversationEngine engine, TelegramApi api, TelegramStore store, TelegramSettings settings, OperatorGroup operatorGroup,
            org.supportbot.conversation.Attachments attachments) {
        this.attachments = attachments;
        this.engine = engine;
        this.operatorGroup = operatorGroup;
        this.api = api;
        this.store = store;
        this.settings = settings;
    }

    /**
     * Handles one update. Returns once it is stored (and its replies are in the outbox).
     *
     * @throws RuntimeException when the store failed: the update is not stored, Telegram must deliver it again
     */
    void accept(Update update) {
        if (update.getUpdateId() == null) {
            log.warn("Ignored a Telegram update without an update_id");
            return;
        }
        var key = KEY_PREFIX + update.getUpdateId();
        if (update.hasMessage() && isOperatorGroup(update.getMessage().getChat())) {
            operatorGroup.onMessage(key, update.getMessage());
        } else if (update.hasMessage()) {
            onMessage(key, update.getMessage());
        } else if (update.hasEditedMessage()) {
            onMessage(key, update.getEditedMessage());
        } else if (update.hasCallbackQuery()) {
            onButton(key, update.getCallbackQuery());
        } else if (update.hasMyChatMember()) {
            onMembership(update.getMyChatMember());
        } else {
            log.debug("Ignored Telegram update {}: not a kind the bot handles", update.getUpdateId());
        }
    }

    /** The chat an update belongs to, as far as its order matters: updates of one chat are handled in order. */
    static String chatOf(Update update) {
        @Nullable Chat chat = null;
        if (update.hasMessage()) {
            chat = update.getMessage().getChat();
        } else if (update.hasEditedMessage()) {
            chat = update.getEditedMessage().getChat();
        } else if (update.hasCallbackQuery()) {
            var query = update.getCallbackQuery();
            if (query.getMessage() != null && query.getMessage().getChat() != null) {
                chat = query.getMessage().getChat();
            } else if (query.getFrom() != null) {
                return "chat:" + query.getFrom().getId(); // a private chat's id is the user's
            }
        } else if (update.hasMyChatMember() && update.getMyChatMember().getChat() != null) {
            chat = update.getMyChatMember().getChat();
        }
        return chat == null || chat.getId() == null ? "other" : "chat:" + chat.getId();
    }

    private void onMessage(String key, Message message) {
        var chat = message.getChat();
        if (chat == null || !isCustomerChat(chat, key)) {
            return;
        }
        var body = body(message);
        if (body == null) {
            log.debug("Ignored {}: a service message", key);
            return;
        }
        if (body instanceof InboundMessage.NonText nonText) { // the file as a reference, kept before the turn reads it
            body = new InboundMessage.NonText(nonText.kind(), nonText.caption(), TelegramAttachments.of(key, message, nonText.kind()));
            attachments.remember(conversation(chat.getId()), ((InboundMessage.NonText) body).attachments());
        }
        engine.receive(key, new InboundMessage(conversation(chat.getId()), name(message.getFrom(), chat), body, language(message.getFrom())));
    }

    private void onButton(String key, CallbackQuery query) {
        try {
            var message = query.getMessage();
            var chat = message != null ? message.getChat() : null;
            long chatId = chat != null ? chat.getId() : query.getFrom().getId(); // a private chat's id is the user's
            if (chat != null && !isCustomerChat(chat, key) || query.getData() == null) {
                return;
            }
            var payload = store.payload(query.getData());
            engine.receive(key, new InboundMessage(conversation(chatId), name(query.getFrom(), chat),
                    new InboundMessage.ButtonPress(payload), language(query.getFrom())));
        } finally {
            stopSpinner(query);
        }
    }

    private void stopSpinner(CallbackQuery query) {
        try {
            api.client().execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
        } catch (TelegramApiException | RuntimeException e) {
            // Only cosmetic: the spinner stops by itself after a while. Old queries cannot be answered.
            log.debug("Could not answer callback query {}: {}", query.getId(), settings.mask(e.getMessage()));
        }
    }

    private void onMembership(ChatMemberUpdated change) {
        var chat = change.getChat();
        if (chat == null || !Boolean.TRUE.equals(chat.isUserChat()) || change.getNewChatMember() == null) {
            return;
        }
        var status = change.getNewChatMember().getStatus();
        if ("kicked".equals(status)) {
            store.markBlocked(chat.getId());
            log.info("Telegram chat {} blocked the bot: no more replies go there", MaskedId.of(chat.getId()));
        } else if ("member".equals(status)) {
            store.markUnblocked(chat.getId());
        }
    }

    private boolean isOperatorGroup(@Nullable Chat chat) {
        return chat != null && settings.operatorChatId() != null && settings.operatorChatId().equals(chat.getId());
    }

    private boolean isCustomerChat(Chat chat, String key) {
        if (Boolean.TRUE.equals(chat.isUserChat())) {
            return true;
        }
        if (settings.operatorChatId() != null && settings.operatorChatId().equals(chat.getId())) {
            log.debug("Left {} from the operator group to the operator module", key);
        } else {
            log.debug("Ignored {} from {} chat {}: the bot answers private chats only", key, chat.getType(), chat.getId());
        }
        return false;
    }

    private static ConversationId conversation(long chatId) {
        return new ConversationId(TelegramSender.CHANNEL, Long.toString(chatId));
    }

    private static @Nullable String name(@Nullable User from, @Nullable Chat chat) {
        if (from != null && from.getFirstName() != null) {
            return from.getFirstName();
        }
        return chat == null ? null : chat.getFirstName();
    }

    /** The user's interface language ({@code language_code}, an IETF tag such as {@code en-US}), if the bot speaks it. */
    private static @Nullable Language language(@Nullable User from) {
        if (from == null || from.getLanguageCode() == null) {
            return null;
        }
        var primary = from.getLanguageCode().split("-", 2)[0];
        return Language.fromCode(primary).orElse(null);
    }

    /** What the customer sent, or null for a service message. */
    private static InboundMessage.@Nullable Body body(Message message) {
        if (message.hasContact() && TelegramContacts.body(message) != null) {
            return TelegramContacts.body(message);
        }
        if (message.hasText()) {
            // TelegramBots 10.2.0: isCommand()/getCommand() see the entities only after getEntities() computed their text.
            message.getEntities();
            var text = message.getText();
            if (message.isCommand()) {
                var command = message.getCommand();
                int at = command.indexOf('@'); // "/start@SupportBot" in a chat with several bots
                if (at > 0) {
                    text = command.substring(0, at) + text.substring(command.length());
                }
            }
            return new InboundMessage.Text(text);
        }
        var kind = nonTextKind(message);
        return kind == null ? null : new InboundMessage.NonText(kind, message.getCaption());
    }

    static @Nullable String nonTextKind(Message message) {
        if (message.hasSticker()) {
            return "sticker";
        } else if (message.hasPhoto()) {
            return "photo";
        } else if (message.hasVoice()) {
            return "voice";
        } else if (message.hasVideoNote()) {
            return "video_note";
        } else if (message.hasVideo()) {
            return "video";
        } else if (message.hasAnimation()) {
            return "animation"; // before document: a GIF comes with both
        } else if (message.hasDocument()) {
            return "document";
        } else if (message.hasAudio()) {
            return "audio";
        } else if (message.getVenue() != null) {
            return "venue";
        } else if (message.hasLocation()) {
            return "location";
        } else if (message.hasContact()) {
            return "contact";
        } else if (message.hasPoll()) {
            return "poll";
        } else if (message.hasDice()) {
            return "dice";
        }
        return null;
    }
}
