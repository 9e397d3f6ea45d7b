package org.supportbot.edge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.Objects;

/**
 * An injected {@link Clock} as the time of rate limits: Bucket4j's {@link TimeMeter} and Caffeine's
 * {@link Ticker} (for caches that forget quiet keys together with their windows), so that tests move
 * time instead of waiting. Nanoseconds since the epoch; thread-safe as the clock is.
 */
public record LimiterClock(Clock clock) implements TimeMeter, Ticker {

    public LimiterClock {
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long currentTimeNanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long read() {
        return currentTimeNanos();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
