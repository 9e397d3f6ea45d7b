package org.supportbot.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to do with a reply whose send did not go through for now: when to try it again, or that
 * it is time to give up. Pure: the same reply, moment and answer of the platform give the same
 * decision.
 */
final class Backoff {

    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    /** What becomes of the reply. */
    sealed interface Decision permits GiveUp, RetryAt {
    }

    /** Too old to be worth sending any more: mark it failed with this reason. */
    record GiveUp(String reason) implements Decision {
        GiveUp {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Try again at {@code at}.
     *
     * @param failure whether this counts as a failure of the reply (lengthens its back-off)
     */
    record RetryAt(Instant at, boolean failure) implements Decision {
        RetryAt {
            Objects.requireNonNull(at, "at");
        }
    }

    private Backoff() {
    }

    /**
     * @param createdAt when the reply was stored
     * @param attempts how many times it was tried before this one
     * @param failures how many of those failed (not counting the platform's "come back at")
     * @param error why this attempt did not go through, for the record
     * @param retryAfter when the platform itself said to come back, or null
     */
    static Decision after(Instant createdAt, int attempts, int failures, Instant now, @Nullable String error,
            @Nullable Duration retryAfter) {
        if (createdAt.plus(GIVE_UP_AFTER).isBefore(now)) {
            return new GiveUp("gave up after " + (attempts + 1) + " attempts: " + error);
        }
        if (retryAfter != null) { // the platform said when: not a failure, no longer back-off later
            return new RetryAt(now.plus(retryAfter), false);
        }
        // The back-off counts failures only: after a storm of 429s a first 5xx waited the cap (5 min).
        return new RetryAt(now.plus(delay(failures + 1)), true);
    }

    /** 1 s, 2 s, 4 s … capped at five minutes. */
    static Duration delay(int failures) {
        long seconds = 1L << Math.min(Math.max(failures - 1, 0), 20);
        var delay = Duration.ofSeconds(seconds);
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
