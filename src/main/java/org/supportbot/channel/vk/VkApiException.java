package org.supportbot.channel.vk;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A VK API call did not succeed: VK answered with an error ({@link #code()} is VK's
 * {@code error_code}), or there was no usable answer ({@link #NO_ANSWER}: network error, timeout,
 * a proxy's error page — the request may or may not have been executed), or the local rate limit
 * would have made the call wait longer than allowed ({@link #RATE_LIMITED_HERE}, nothing was sent).
 */
final class VkApiException extends Exception {

    static final int NO_ANSWER = -1;
    static final int RATE_LIMITED_HERE = -2;
    /** An upload server refused the file itself (its type, its content): sending it again will not help. */
    static final int UPLOAD_REFUSED = -3;
    /** Upload error (VK's code 22). */
    static final int UPLOAD_ERROR = 22;
    /** Invalid server or hash when saving an upload (118, 121): a fresh upload may succeed. */
    static final int INVALID_SERVER = 118;
    static final int INVALID_HASH = 121;

    /** Too many requests per second. */
    static final int TOO_MANY_REQUESTS = 6;
    /** Flood control: too many similar messages. */
    static final int FLOOD_CONTROL = 9;
    /** Internal server error. */
    static final int INTERNAL_ERROR = 10;
    /** Cannot send messages for users without permission (the user denied messages from the community). */
    static final int NO_PERMISSION = 901;
    /** Cannot send messages to this user due to their privacy settings. */
    static final int PRIVACY = 902;
    /** Keyboard format is invalid. */
    static final int KEYBOARD_INVALID = 911;
    /** This is a chat-bot feature: bot capabilities are off in the community's settings. */
    static final int BOT_FEATURE_OFF = 912;

    private final int code;
    private final @Nullable Duration retryAfter;

    VkApiException(int code, String message, @Nullable Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    int code() {
        return code;
    }

    /** For {@link #RATE_LIMITED_HERE}: when a request would be allowed. */
    @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
