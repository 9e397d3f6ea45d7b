package org.supportbot.channel.telegram;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.channel.internal.TypingThrottle;
import org.supportbot.channel.internal.MaskedId;
import org.supportbot.conversation.OperatorTyping;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The Telegram customer sees "typing…" while an operator types in the console: {@code
 * sendChatAction}, at most every five seconds a chat, and only when the sender's rate budget has
 * a slot free now (a reply never waits for a typing notice).
 */
@Component
@Conditional(TelegramEnabled.class)
class TelegramTyping {

    private static final Logger log = LoggerFactory.getLogger(TelegramTyping.class);

    private final TelegramApi api;
    private final RateLimiter limiter;
    private final TypingThrottle throttle;

    TelegramTyping(TelegramApi api, RateLimiter limiter, Clock clock) {
        this.api = api;
        this.limiter = limiter;
        this.throttle = new TypingThrottle(clock);
    }

    @EventListener
    void on(OperatorTyping event) {
        var id = event.conversation();
        if (!id.channel().equals(TelegramSender.CHANNEL) || !throttle.tryPass(id.chat())) {
            return;
        }
        long chat;
        try {
            chat = Long.parseLong(id.chat());
        } catch (NumberFormatException e) {
            return;
        }
        if (!limiter.tryAcquire(chat).isZero()) {
            return; // replies first
        }
        try {
            api.client().execute(SendChatAction.builder().chatId(chat).action(ActionType.TYPING.toString()).build());
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("No typing notice to {}: {}", MaskedId.of(chat), e.getMessage());
        }
    }
}
