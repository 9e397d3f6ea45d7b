package org.supportbot.channel.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The Telegram channel's settings and Bot API client; on only with a bot token. */
@Configuration(proxyBeanMethods = false)
@Conditional(TelegramEnabled.class)
class TelegramConfiguration {

    @Bean
    TelegramSettings telegramSettings(
            @Value("${" + TelegramEnabled.TOKEN_PROPERTY + "}") String token,
            @Value("${supportbot.telegram.api-url:}") String apiUrl,
            @Value("${supportbot.telegram.mode:}") String mode,
            @Value("${supportbot.telegram.webhook-url:}") String webhookUrl,
            @Value("${supportbot.telegram.webhook-secret:}") String webhookSecret,
            @Value("${supportbot.telegram.operator-chat-id:}") String operatorChatId,
            @Value("${supportbot.telegram.poll-timeout:25s}") Duration pollTimeout,
            @Value("${supportbot.telegram.lease:60s}") Duration lease) {
        return new TelegramSettings(token.strip(),
                URI.create(apiUrl.isBlank() ? "https://api.telegram.org" : apiUrl.strip()),
                TelegramSettings.Mode.parse(mode),
                webhookUrl.isBlank() ? null : URI.create(webhookUrl.strip()),
                webhookSecret.isBlank() ? null : webhookSecret.strip(),
                chatId(operatorChatId),
                pollTimeout, lease);
    }

    private static @Nullable Long chatId(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TELEGRAM_OPERATOR_CHAT_ID must be a chat id like -1001234567890, got '" + value + "'");
        }
    }

    @Bean(destroyMethod = "close")
    TelegramApi telegramApi(TelegramSettings settings) {
        return new TelegramApi(settings);
    }

    @Bean
    RateLimiter telegramRateLimiter(Clock clock,
            @Value("${supportbot.telegram.messages-per-second:27}") double messagesPerSecond) {
        return RateLimiter.telegram(clock, messagesPerSecond);
    }
}
