package org.supportbot.channel.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.channel.MessageSplitter;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Sends replies to Telegram chats ({@code sendMessage}, HTML parse mode, every text escaped), one
 * inline-keyboard row per button. Replies longer than 4096 characters go as several messages cut at
 * paragraph or sentence ends, the buttons under the last; the parts already sent are recorded, so a
 * retry goes on from the first part not sent.
 *
 * <p>Rate limits ({@link RateLimiter}): a short wait happens here; a longer one (a busy group) is
 * handed back to the outbox as {@link DeliveryException.Kind#RETRY} with that delay, which frees
 * the delivery worker. Errors: 429 → retry after Telegram's {@code retry_after}; 5xx, network
 * errors, lost responses → retry (a lost response may mean a duplicate, see {@link TelegramApi});
 * 403 (bot blocked, user deactivated, kicked) → {@link DeliveryException.Kind#RECIPIENT_GONE}, and the
 * chat is marked blocked so that nothing more is sent there; other 4xx → rejected.
 *
 * <p>Thread-safe.
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramSender implements MessageSender {

    static final String CHANNEL = "telegram";
    /** Longer rate-limit waits go back to the outbox instead of holding a delivery worker. */
    static final Duration MAX_WAIT_HERE = Duration.ofMillis(1500);

    /** How the sender waits for the rate limiter; tests pass one that moves their clock. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TelegramApi api;
    private final TelegramStore store;
    private final RateLimiter limiter;
    private final TelegramSettings settings;
    private final Pause pause;
    /** Sends messages with files; looked up when needed (it uses this sender). */
    private final @Nullable ObjectProvider<TelegramMedia> media;

    @Autowired
    TelegramSender(TelegramApi api, TelegramStore store, RateLimiter limiter, TelegramSettings settings, ObjectProvider<TelegramMedia> media) {
        this(api, store, limiter, settings, duration -> Thread.sleep(duration.toMillis()), media);
    }

    TelegramSender(TelegramApi api, TelegramStore store, RateLimiter limiter, TelegramSettings settings, Pause pause) {
        this(api, store, limiter, settings, pause, null);
    }

    private TelegramSender(TelegramApi api, TelegramStore store, RateLimiter limiter, TelegramSettings settings, Pause pause,
            @Nullable ObjectProvider<TelegramMedia> media) {
        this.media = media;
        this.api = api;
        this.store = store;
        this.limiter = limiter;
        this.settings = settings;
        this.pause = pause;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void send(String deliveryId, OutboundMessage message) throws DeliveryException {
        long chatId;
        try {
            chatId = Long.parseLong(message.conversation().chat());
        } catch (NumberFormatException e) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "not a Telegram chat id: '" + message.conversation().chat() + "'", null);
        }
        var withFile = message.attachment() == null || media == null ? null : media.getIfAvailable();
        if (withFile != null) {
            withFile.send(deliveryId, chatId, null, message);
            return;
        }
        sendText(deliveryId, chatId, null, message.text(), message.buttons());
    }

    /**
     * Sends a text, split if long, with buttons under the last part; into a forum topic when
     * {@code threadId} is given.
     */
    void sendText(String deliveryId, long chatId, @Nullable Integer threadId, String text, List<OutboundMessage.Button> buttons)
            throws DeliveryException {
        if (store.isBlocked(chatId)) {
            throw new DeliveryException(DeliveryException.Kind.RECIPIENT_GONE, "the user blocked the bot", null);
        }
        if (text.isBlank()) {
            throw new DeliveryException(DeliveryException.Kind.REJECTED, "Telegram does not send an empty text", null);
        }
        var parts = MessageSplitter.split(text, TelegramText.MAX_LENGTH);
        boolean split = parts.size() > 1;
        int first = split ? Math.min(store.sentParts(deliveryId), parts.size() - 1) : 0;
        org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard keyboard =
                TelegramContacts.asksForContact(buttons) ? TelegramContacts.keyboard(buttons) : keyboard(buttons);
        for (int i = first; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            awaitRateLimit(chatId);
            var request = SendMessage.builder()
                    .chatId(chatId)
                    .messageThreadId(threadId)
                    .text(TelegramText.escapeHtml(parts.get(i)))
                    .parseMode(ParseMode.HTML)
                    .replyMarkup(last ? keyboard : null)
                    .build();
            execute(chatId, request);
            if (split && !last) {
                store.recordSentParts(deliveryId, i + 1);
            }
        }
        if (split) {
            store.forgetParts(deliveryId);
        }
    }

    private @Nullable InlineKeyboardMarkup keyboard(List<OutboundMessage.Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        var rows = new ArrayList<InlineKeyboardRow>(buttons.size());
        for (var button : buttons) {
            // Button labels are plain text on Telegram (no parse mode): no escaping.
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder()
                    .text(button.label())
                    .callbackData(store.callbackData(button.payload()))
                    .build()));
        }
        return new InlineKeyboardMarkup(rows);
    }

    void awaitRateLimit(long chatId) throws DeliveryException {
        Duration wait;
        while (!(wait = limiter.tryAcquire(chatId)).isZero()) {
            if (wait.compareTo(MAX_WAIT_HERE) > 0) {
                throw DeliveryException.retry("rate limit for chat " + chatId, wait);
            }
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.retry("interrupted while waiting for the rate limit", null);
            }
        }
    }

    private void execute(long chatId, SendMessage request) throws DeliveryException {
        try {
            api.client().execute(request);
        } catch (TelegramApiRequestException e) {
            throw classify(chatId, e);
        } catch (TelegramApiException e) {
            // No answer from Telegram (connection refused or dropped, timeout): maybe sent, maybe not.
            throw DeliveryException.retry(settings.mask("no answer from Telegram: " + describe(e)), null);
        }
    }

    DeliveryException classify(long chatId, TelegramApiRequestException e) {
        int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
        var description = settings.mask(e.getApiResponse() != null ? e.getApiResponse() : describe(e));
        if (code == 429) {
            var parameters = e.getParameters();
            var seconds = parameters == null ? null : parameters.getRetryAfter();
            return DeliveryException.retry("Telegram asked to slow down: " + description,
                    Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds));
        }
        if (code == 400 && isTopicGone(description)) {
            return new DeliveryException(DeliveryException.Kind.REJECTED, TOPIC_GONE + description, null);
        }
        if (code == 403 || code == 400 && description.toLowerCase(Locale.ROOT).contains("chat not found")) {
            store.markBlocked(chatId);
            return new DeliveryException(DeliveryException.Kind.RECIPIENT_GONE, description, null);
        }
        if (code == 0 || code >= 500 || code == 401 || code == 404 || code == 409) {
            // 0: no Bot API answer (a proxy's error page); 401/404: a wrong token or URL, fixed by
            // the operator of the bot — keep the replies until then.
            return DeliveryException.retry("Telegram error " + code + ": " + description, null);
        }
        return new DeliveryException(DeliveryException.Kind.REJECTED, "Telegram error " + code + ": " + description, null);
    }

    /** Starts the message of a send refused because its forum topic was deleted or closed. */
    static final String TOPIC_GONE = "topic gone: ";

    static boolean isTopicGone(String description) {
        var lower = description.toLowerCase(Locale.ROOT);
        return lower.contains("thread not found") || lower.contains("topic_deleted") || lower.contains("topic_closed")
                || lower.contains("topic deleted") || lower.contains("topic closed") || lower.contains("topic_id_invalid");
    }

    private static String describe(Throwable e) {
        var cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
