package org.supportbot.channel.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import org.supportbot.edge.LimiterClock;

/**
 * Token buckets (Bucket4j) for the Bot API's limits: about one message a second per chat (short
 * bursts are fine), 30 a second overall, 20 a minute per group. A chat's bucket holds its per-chat
 * limit and, for a group, the group limit too; the chats' buckets live in a bounded Caffeine cache
 * that forgets a chat once it has been idle long enough for its bucket to be full again (3 s for a
 * private chat, a minute for a group), so a forgotten chat starts where it would have been anyway. Time comes from the injected
 * {@link Clock}. Thread-safe (one lock, so that a message takes from the chat's bucket and the
 * overall one together or from neither).
 */
final class RateLimiter {

    /** The most chats remembered at once; at 27 messages a second a minute touches at most 1,620. */
    static final int MAX_CHATS = 10_000;

    private final LimiterClock time;
    private final Bucket overall;
    private final Limit chat;
    private final Limit group;
    private final Cache<Long, Bucket> chats;

    RateLimiter(Clock clock, double overallPerSecond, int overallBurst, double chatPerSecond, int chatBurst,
            double groupPerSecond, int groupBurst) {
        this.time = new LimiterClock(clock);
        this.chat = new Limit(chatPerSecond, chatBurst);
        this.group = new Limit(groupPerSecond, groupBurst);
        this.overall = bucket(new Limit(overallPerSecond, overallBurst));
        var groupIdle = chat.untilFull().compareTo(group.untilFull()) > 0 ? chat.untilFull() : group.untilFull();
        this.chats = Caffeine.newBuilder()
                .maximumSize(MAX_CHATS)
                .expireAfter(Expiry.<Long, Bucket>accessing((id, bucket) -> isGroup(id) ? groupIdle : chat.untilFull()))
                .ticker(time)
                .executor(Runnable::run) // evicting is a few map operations: no pool needed
                .build();
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
        var bucket = chats.get(chatId, id -> isGroup(id) ? bucket(chat, group) : bucket(chat));
        var forChat = bucket.estimateAbilityToConsume(1);
        var forAll = overall.estimateAbilityToConsume(1);
        if (forChat.canBeConsumed() && forAll.canBeConsumed()) {
            bucket.tryConsume(1);
            overall.tryConsume(1);
            return Duration.ZERO;
        }
        return roundedUp(Math.max(forChat.getNanosToWaitForRefill(), forAll.getNanosToWaitForRefill()));
    }

    /** How many chats' buckets are remembered now (for tests of the bound). */
    long chatsRemembered() {
        chats.cleanUp();
        return chats.estimatedSize();
    }

    private static boolean isGroup(long chatId) {
        return chatId < 0; // group and supergroup ids are negative
    }

    private Bucket bucket(Limit... limits) {
        var builder = Bucket.builder();
        for (var limit : limits) {
            builder.addLimit(l -> l.capacity(limit.burst()).refillGreedy(1, limit.perToken()));
        }
        return builder.withCustomTimePrecision(time).build();
    }

    /** Whole milliseconds, rounded up, so that a caller who sleeps that long finds the token there. */
    private static Duration roundedUp(long nanos) {
        return Duration.ofMillis(Math.max(1, (nanos + 999_999) / 1_000_000));
    }

    /** One token every {@code 1 / perSecond} seconds, at most {@code burst} saved up. */
    private record Limit(double perSecond, int burst) {
        Limit {
            if (!(perSecond > 0 && perSecond <= 1e9) || burst < 1) {
                throw new IllegalArgumentException("perSecond must be positive and burst at least 1, got " + perSecond + " and " + burst);
            }
        }

        Duration perToken() {
            return Duration.ofNanos(Math.round(1e9 / perSecond));
        }

        Duration untilFull() {
            return perToken().multipliedBy(burst);
        }
    }

}
