package org.supportbot.operator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Failed sign-ins per client address: after {@link SignInLimits#failures()} of them within the
 * window, the address may not try again for the cool-down — asked before a password is checked,
 * so a guesser costs no bcrypt. A successful sign-in changes nothing: it neither clears an address's
 * failures nor anyone else's. At most 100,000 addresses are remembered (the least recently failed
 * go first). Thread-safe.
 */
final class SignInThrottle {

    private final SignInLimits limits;
    private final Clock clock;
    private final Cache<String, Failures> addresses = Caffeine.newBuilder().maximumSize(100_000).build();

    SignInThrottle(SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long the address must still wait, or empty when it may try to sign in. */
    Optional<Duration> refusal(String address) {
        var failures = addresses.getIfPresent(address);
        if (failures == null) {
            return Optional.empty();
        }
        synchronized (failures) {
            var now = clock.instant();
            return failures.closedUntil != null && now.isBefore(failures.closedUntil)
                    ? Optional.of(Duration.between(now, failures.closedUntil))
                    : Optional.empty();
        }
    }

    /** Counts a failed sign-in from the address. */
    void failed(String address) {
        var failures = addresses.get(address, a -> new Failures());
        synchronized (failures) {
            var now = clock.instant();
            var windowStart = now.minus(limits.window());
            while (!failures.times.isEmpty() && !failures.times.peekFirst().isAfter(windowStart)) {
                failures.times.removeFirst();
            }
            failures.times.addLast(now);
            if (failures.times.size() >= limits.failures()) {
                failures.closedUntil = now.plus(limits.coolDown());
                failures.times.clear();
            }
        }
        addresses.put(address, failures); // counts as recent use for the size bound
    }

    /** The failures within the window (at most the limit) and when sign-in opens again. Guarded by itself. */
    private static final class Failures {
        private final ArrayDeque<Instant> times = new ArrayDeque<>();
        private @Nullable Instant closedUntil;
    }
}
