package org.supportbot.channel.vk;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket for the VK API's limit on a community token: at most 20 requests a second, all
 * methods together. Time comes from the injected {@link Clock}. Thread-safe (one lock: acquiring is
 * a few arithmetic operations).
 */
final class VkRateLimiter {

    private final Clock clock;
    private final double capacity;
    private final double perMilli;
    private double tokens;
    private long updatedAt;

    VkRateLimiter(Clock clock, double perSecond, double burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1, got " + perSecond + " and " + burst);
        }
        this.clock = clock;
        this.capacity = burst;
        this.perMilli = perSecond / 1000.0;
        this.tokens = burst;
        this.updatedAt = clock.millis();
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
     * @return zero when granted (a token taken); otherwise how long to wait before asking again (nothing taken)
     */
    synchronized Duration tryAcquire() {
        long now = clock.millis();
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
        }
        if (tokens >= 1 - 1e-9) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, (long) Math.ceil((1 - tokens) / perMilli - 1e-6)));
    }
}
