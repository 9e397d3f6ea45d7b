package org.supportbot.channel.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets for the Bot API's limits: about one message a second per chat (short bursts are
 * fine), 30 a second overall, 20 a minute per group. Time comes from the injected {@link Clock}.
 * Thread-safe (one lock: acquiring is a few arithmetic operations).
 */
final class RateLimiter {

    /** Buckets of idle chats are dropped once this many chats have one. */
    private static final int MAX_CHATS = 10_000;

    private final Clock clock;
    private final Bucket overall;
    private final double chatCapacity;
    private final double chatPerSecond;
    private final double groupCapacity;
    private final double groupPerSecond;
    private final Map<Long, Bucket> chats = new HashMap<>();
    private final Map<Long, Bucket> groups = new HashMap<>();

    RateLimiter(Clock clock, double overallPerSecond, double overallBurst, double chatPerSecond, double chatBurst,
            double groupPerSecond, double groupBurst) {
        this.clock = clock;
        this.overall = new Bucket(overallBurst, overallPerSecond, clock.millis());
        this.chatCapacity = chatBurst;
        this.chatPerSecond = chatPerSecond;
        this.groupCapacity = groupBurst;
        this.groupPerSecond = groupPerSecond;
    }

    /**
     * Telegram's published limits, with a burst of three messages per chat. Overall it sends 27 a
     * second with a burst of 3, so never more than 30 in any second: Telegram counts what arrives
     * in a second and requests bunch up on the way, so running at exactly 30 — or with a burst of
     * 30 on top — provoked 429s in bench/telegram.sh.
     */
    static RateLimiter telegram(Clock clock) {
        return telegram(clock, 27);
    }

    /**
     * Telegram's limits with another overall rate ({@code supportbot.telegram.messages-per-second}):
     * for a bot with paid broadcasts (up to 1000 a second), or a local fake Bot API in the
     * reliability suite. Per chat and per group the limits stay Telegram's.
     *
     * @throws IllegalArgumentException if {@code overallPerSecond} is not between 1 and 10,000
     */
    static RateLimiter telegram(Clock clock, double overallPerSecond) {
        if (!(overallPerSecond >= 1 && overallPerSecond <= 10_000)) {
            throw new IllegalArgumentException("supportbot.telegram.messages-per-second must be between 1 and 10000, got " + overallPerSecond);
        }
        return new RateLimiter(clock, overallPerSecond, 3, 1, 3, 20.0 / 60, 20);
    }

    /**
     * Takes the right to send one message to {@code chatId} now, if all its buckets allow it.
     *
     * @return zero when granted (tokens taken); otherwise how long to wait before asking again (nothing taken)
     */
    synchronized Duration tryAcquire(long chatId) {
        long now = clock.millis();
        if (chats.size() > MAX_CHATS) {
            chats.values().removeIf(bucket -> bucket.full(now));
            groups.values().removeIf(bucket -> bucket.full(now));
        }
        var chat = chats.computeIfAbsent(chatId, id -> new Bucket(chatCapacity, chatPerSecond, now));
        // Group and supergroup ids are negative.
        var group = chatId < 0 ? groups.computeIfAbsent(chatId, id -> new Bucket(groupCapacity, groupPerSecond, now)) : null;
        double waitMillis = Math.max(overall.waitMillis(now), chat.waitMillis(now));
        if (group != null) {
            waitMillis = Math.max(waitMillis, group.waitMillis(now));
        }
        if (waitMillis > 0) {
            return Duration.ofMillis(Math.max(1, (long) Math.ceil(waitMillis - 1e-6)));
        }
        overall.take();
        chat.take();
        if (group != null) {
            group.take();
        }
        return Duration.ZERO;
    }

    /** A token bucket; callers hold the limiter's lock. */
    private static final class Bucket {
        private final double capacity;
        private final double perMilli;
        private double tokens;
        private long updatedAt;

        Bucket(double capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perMilli = perSecond / 1000.0;
            this.tokens = capacity;
            this.updatedAt = now;
        }

        private void refill(long now) {
            if (now > updatedAt) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) * perMilli);
                updatedAt = now;
            }
        }

        double waitMillis(long now) {
            refill(now);
            return tokens >= 1 - 1e-9 ? 0 : (1 - tokens) / perMilli;
        }

        void take() {
            tokens -= 1;
        }

        boolean full(long now) {
            refill(now);
            return tokens >= capacity;
        }
    }
}
