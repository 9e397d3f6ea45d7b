package org.supportbot.channel.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The Telegram channel's configuration, checked at start-up.
 *
 * @param token the bot token ({@code TELEGRAM_BOT_TOKEN}); a secret: {@link #toString()} and {@link #mask} hide it
 * @param apiUrl the Bot API base URL ({@code TELEGRAM_API_URL}): scheme, host and port only, as TelegramBots needs
 * @param mode how updates arrive ({@code TELEGRAM_MODE})
 * @param webhookUrl the public URL Telegram posts to, in webhook mode ({@code TELEGRAM_WEBHOOK_URL})
 * @param webhookSecret the {@code secret_token} Telegram sends back in every webhook request ({@code TELEGRAM_WEBHOOK_SECRET})
 * @param operatorChatId the operators' group ({@code TELEGRAM_OPERATOR_CHAT_ID}), if any
 * @param pollTimeout how long one {@code getUpdates} call waits for updates
 * @param lease how long the polling lease lasts without renewal: another instance takes over after it
 */
record TelegramSettings(String token, URI apiUrl, Mode mode, @Nullable URI webhookUrl, @Nullable String webhookSecret,
        @Nullable Long operatorChatId, Duration pollTimeout, Duration lease) {

    /** How updates arrive. */
    enum Mode {
        POLLING, WEBHOOK;

        static Mode parse(@Nullable String value) {
            if (value == null || value.isBlank()) {
                return POLLING;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "polling" -> POLLING;
                case "webhook" -> WEBHOOK;
                default -> throw new IllegalArgumentException("TELEGRAM_MODE must be 'polling' or 'webhook', got '" + value + "'");
            };
        }
    }

    /** Telegram's rule for {@code secret_token}. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    TelegramSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(lease, "lease");
        if (token.isBlank() || token.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN must be a bot token like 123456:ABC-DEF, without spaces or '/'");
        }
        var scheme = apiUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("TELEGRAM_API_URL must be an http(s) URL, got '" + apiUrl + "'");
        }
        if (apiUrl.getRawPath() != null && !apiUrl.getRawPath().isEmpty() && !apiUrl.getRawPath().equals("/")
                || apiUrl.getRawQuery() != null) {
            throw new IllegalArgumentException("TELEGRAM_API_URL must have a scheme, host and port only (TelegramBots adds /bot<token>/<method>), got '" + apiUrl + "'");
        }
        if (mode == Mode.WEBHOOK) {
            if (webhookUrl == null || !"https".equals(webhookUrl.getScheme()) && !"http".equals(webhookUrl.getScheme())) {
                throw new IllegalArgumentException("TELEGRAM_WEBHOOK_URL must be the public https URL of /telegram/webhook in webhook mode, got '" + webhookUrl + "'");
            }
            if (webhookSecret == null || !SECRET.matcher(webhookSecret).matches()) {
                throw new IllegalArgumentException("TELEGRAM_WEBHOOK_SECRET must be 1-256 letters, digits, '_' or '-' in webhook mode");
            }
        }
        if (pollTimeout.isNegative() || pollTimeout.compareTo(Duration.ofSeconds(50)) > 0) {
            throw new IllegalArgumentException("supportbot.telegram.poll-timeout must be between 0 and 50 s, got " + pollTimeout);
        }
        if (lease.compareTo(pollTimeout.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("supportbot.telegram.lease must exceed the poll timeout by 5 s at least, got " + lease + " for a poll timeout of " + pollTimeout);
        }
    }

    /** Where TelegramBots sends requests. */
    TelegramUrl telegramUrl() {
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : apiUrl.getScheme().equals("https") ? 443 : 80;
        return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    /** The text with the token replaced, for anything that is logged (URLs carry the token). */
    String mask(@Nullable String text) {
        return text == null ? "" : text.replace(token, "<token>");
    }

    @Override
    public String toString() {
        return "TelegramSettings[apiUrl=" + apiUrl + ", mode=" + mode + ", webhookUrl=" + webhookUrl
                + ", operatorChatId=" + operatorChatId + ", pollTimeout=" + pollTimeout + ", lease=" + lease + "]";
    }
}
