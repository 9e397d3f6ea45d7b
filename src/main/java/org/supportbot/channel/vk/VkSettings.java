package org.supportbot.channel.vk;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The VK channel's configuration, checked at start-up.
 *
 * @param token the community access token ({@code VK_GROUP_TOKEN}); a secret: {@link #toString()} and {@link #mask} hide it
 * @param groupId the community's id ({@code VK_GROUP_ID}), positive
 * @param apiUrl where the API methods are ({@code VK_API_URL}): requests go to {@code <apiUrl>/<method>}
 * @param mode how events arrive ({@code VK_MODE})
 * @param confirmationCode what {@code /vk/callback} answers to VK's {@code confirmation} event ({@code VK_CONFIRMATION_CODE})
 * @param secret the secret VK puts into every Callback API event ({@code VK_SECRET})
 * @param pollWait how long one {@code a_check} waits for events (VK allows up to 90 s; 25 s is its advice)
 * @param lease how long the long-poll lease lasts without renewal: another instance takes over after it
 */
record VkSettings(String token, long groupId, URI apiUrl, Mode mode, @Nullable String confirmationCode, @Nullable String secret,
        Duration pollWait, Duration lease) {

    /** The VK API version this channel speaks. */
    static final String API_VERSION = "5.199";
    static final String DEFAULT_API_URL = "https://api.vk.com/method";

    /** How events arrive. */
    enum Mode {
        CALLBACK, LONGPOLL;

        static Mode parse(@Nullable String value) {
            if (value == null || value.isBlank()) {
                return LONGPOLL;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "callback" -> CALLBACK;
                case "longpoll" -> LONGPOLL;
                default -> throw new IllegalArgumentException("VK_MODE must be 'callback' or 'longpoll', got '" + value + "'");
            };
        }
    }

    VkSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pollWait, "pollWait");
        Objects.requireNonNull(lease, "lease");
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("VK_GROUP_TOKEN must be a community access token, without spaces");
        }
        if (groupId <= 0) {
            throw new IllegalArgumentException("VK_GROUP_ID must be the community's positive id (without a minus), got " + groupId);
        }
        var scheme = apiUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || apiUrl.getHost() == null || apiUrl.getRawQuery() != null) {
            throw new IllegalArgumentException("VK_API_URL must be an http(s) URL like " + DEFAULT_API_URL + ", got '" + apiUrl + "'");
        }
        if (mode == Mode.CALLBACK) {
            if (confirmationCode == null || confirmationCode.isBlank()) {
                throw new IllegalArgumentException("VK_CONFIRMATION_CODE must be set in callback mode: the string the community's Callback API settings show");
            }
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("VK_SECRET must be set in callback mode (the community's Callback API secret key): without it anyone could post events");
            }
        }
        if (pollWait.isNegative() || pollWait.compareTo(Duration.ofSeconds(90)) > 0) {
            throw new IllegalArgumentException("supportbot.vk.poll-wait must be between 0 and 90 s, got " + pollWait);
        }
        if (lease.compareTo(pollWait.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("supportbot.vk.lease must exceed the poll wait by 5 s at least, got " + lease + " for a poll wait of " + pollWait);
        }
    }

    /** The URL of one API method. */
    URI method(String name) {
        var base = apiUrl.toString();
        return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
    }

    /** The text with the token replaced, for anything that is logged. */
    String mask(@Nullable String text) {
        return text == null ? "" : text.replace(token, "<token>");
    }

    @Override
    public String toString() {
        return "VkSettings[groupId=" + groupId + ", apiUrl=" + apiUrl + ", mode=" + mode + ", pollWait=" + pollWait + ", lease=" + lease + "]";
    }
}
