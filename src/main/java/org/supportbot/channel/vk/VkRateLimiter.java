package org.supportbot.channel.vk;

import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import org.supportbot.edge.LimiterClock;

/**
 * A token bucket (Bucket4j) for the VK API's limit on a community token: at most 20 requests a
 * second, all methods together. Time comes from the injected {@link Clock}. Thread-safe.
 */
final class VkRateLimiter {

    private final Bucket bucket;

    /** One token every {@code 1 / perSecond} seconds, at most {@code burst} saved up. */
    VkRateLimiter(Clock clock, double perSecond, int burst) {
        if (!(perSecond > 0 && perSecond <= 1e9) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1, got " + perSecond + " and " + burst);
        }
        this.bucket = Bucket.builder()
                .addLimit(l -> l.capacity(burst).refillGreedy(1, Duration.ofNanos(Math.round(1e9 / perSecond))))
                .withCustomTimePrecision(new LimiterClock(clock))
                .build();
    }

    /**
     * 18 a second with a burst of 1: never more than 19 in any second, one under the limit. VK counts what arrives in a
     * second and requests bunch up on the way, so running at exactly 20 would provoke error 6 now and
     * then (the Telegram channel learned the same at its 30/s).
     */
    static VkRateLimiter communityToken(Clock clock) {
        return communityToken(clock, 18);
    }

    /**
     * Another rate ({@code supportbot.vk.calls-per-second}): for a community whose limit VK raised,
     * or a local fake VK API in the reliability suite.
     *
     * @throws IllegalArgumentException if {@code perSecond} is not between 1 and 10,000
     */
    static VkRateLimiter communityToken(Clock clock, double perSecond) {
        if (!(perSecond >= 1 && perSecond <= 10_000)) {
            throw new IllegalArgumentException("supportbot.vk.calls-per-second must be between 1 and 10000, got " + perSecond);
        }
        return new VkRateLimiter(clock, perSecond, 1);
    }

    /**
     * Takes the right to make one request now, if the bucket allows it.
     *
     * @return zero when granted (a token taken); otherwise how long to wait before asking again (nothing taken),
     *         in whole milliseconds rounded up, so that a caller who sleeps that long finds the token there
     */
    Duration tryAcquire() {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000));
    }
}
