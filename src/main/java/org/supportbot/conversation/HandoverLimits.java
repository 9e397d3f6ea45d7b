package org.supportbot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.supportbot.edge.LimiterClock;

/**
 * How many tickets may be opened, so that no one floods the operators: at most
 * {@code supportbot.limits.handovers-per-minute} (10) a minute from one origin — the client's
 * address for the web chat, where a new session is a new conversation — and at most
 * {@code supportbot.limits.handovers-per-conversation} (3) per
 * {@code supportbot.limits.handovers-period} (10 minutes) from one conversation. Off with
 * {@code supportbot.limits.enabled=false}, like the edge's rates.
 *
 * <p>Sliding windows of the last hand-overs' times, so a limit is exact: never more than it within
 * any window. Kept in this process, in bounded caches that forget quiet keys: with several
 * instances each allows as many. Time comes from the injected {@link Clock}. Thread-safe.
 */
@Component
class HandoverLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;

    private final boolean enabled;
    private final int perOrigin;
    private final int perConversation;
    private final Duration period;
    private final Clock clock;
    private final Cache<String, ArrayDeque<Instant>> origins;
    private final Cache<String, ArrayDeque<Instant>> conversations;

    HandoverLimits(@Value("${supportbot.limits.enabled:true}") boolean enabled,
            @Value("${supportbot.limits.handovers-per-minute:10}") int perOrigin,
            @Value("${supportbot.limits.handovers-per-conversation:3}") int perConversation,
            @Value("${supportbot.limits.handovers-period:10m}") Duration period, Clock clock) {
        requirePositive("handovers-per-minute", perOrigin);
        requirePositive("handovers-per-conversation", perConversation);
        requirePositive("handovers-period", period.toMillis());
        this.enabled = enabled;
        this.perOrigin = perOrigin;
        this.perConversation = perConversation;
        this.period = period;
        this.clock = clock;
        var time = new LimiterClock(clock); // a window and its key are forgotten together
        this.origins = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(MINUTE).ticker(time).build();
        this.conversations = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(period).ticker(time).build();
    }

    /**
     * Takes one hand-over of {@code conversation} from {@code origin} if both are under their
     * limits; false, and nothing taken, when either is at its limit.
     */
    synchronized boolean tryTake(String origin, String conversation) {
        if (!enabled) {
            return true;
        }
        var now = clock.instant();
        var byOrigin = origins.get(origin, key -> new ArrayDeque<>());
        var byConversation = conversations.get(conversation, key -> new ArrayDeque<>());
        if (!hasRoom(byOrigin, perOrigin, now.minus(MINUTE)) || !hasRoom(byConversation, perConversation, now.minus(period))) {
            return false;
        }
        byOrigin.addLast(now);
        byConversation.addLast(now);
        return true;
    }

    /** Forgets the times before {@code since}; true when fewer than {@code limit} remain. */
    private static boolean hasRoom(ArrayDeque<Instant> times, int limit, Instant since) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
        return times.size() < limit;
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("supportbot.limits." + name + " must be positive, got " + value);
        }
    }
}
