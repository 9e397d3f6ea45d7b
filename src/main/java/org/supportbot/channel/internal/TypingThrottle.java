package org.supportbot.channel.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one typing notice per chat every {@link #EVERY}: a platform shows "typing…" for about
 * five seconds, and each notice costs a call within the channel's rate budget.
 */
public final class TypingThrottle {

    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final int MAX_CHATS = 10_000;

    private final Clock clock;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public TypingThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether a notice to {@code chat} may go now; if so, it counts as gone. */
    public boolean tryPass(String chat) {
        var now = clock.instant();
        if (last.size() > MAX_CHATS) {
            last.values().removeIf(at -> at.isBefore(now.minus(EVERY)));
        }
        var passed = new boolean[1];
        last.compute(chat, (key, at) -> {
            passed[0] = at == null || !now.isBefore(at.plus(EVERY));
            return passed[0] ? now : at;
        });
        return passed[0];
    }
}
