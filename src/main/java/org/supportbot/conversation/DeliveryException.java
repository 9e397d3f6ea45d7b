package org.supportbot.conversation;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A reply could not be delivered; {@link #kind()} says what to do about it. */
public final class DeliveryException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** Temporary (network, 5xx, rate limit): retry later, after {@code retryAfter} if given. */
        RETRY,
        /** The customer cannot receive messages (blocked the bot, left): stop sending to them. */
        RECIPIENT_GONE,
        /** The platform rejected this message for good (malformed): retrying will not help. */
        REJECTED
    }

    private final Kind kind;
    private final @Nullable Duration retryAfter;

    public DeliveryException(Kind kind, String message, @Nullable Duration retryAfter) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retry(String message, @Nullable Duration retryAfter) {
        return new DeliveryException(Kind.RETRY, message, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the platform asked us to wait, if it did. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
