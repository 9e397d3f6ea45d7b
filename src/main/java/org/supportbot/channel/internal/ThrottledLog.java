package org.supportbot.channel.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * Warnings of one kind at a bounded rate: at most one line per period, and the next line logged
 * says how many were left out. Anyone on the internet can send a webhook a wrong secret, once or a
 * million times a minute; the log must show that it happens, not every time. Thread-safe.
 */
public final class ThrottledLog {

    private final Logger log;
    private final Duration period;
    private final Clock clock;
    private Instant next = Instant.MIN;
    private long leftOut;

    public ThrottledLog(Logger log, Duration period, Clock clock) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        this.log = log;
        this.period = period;
        this.clock = clock;
    }

    /** Logs at WARN unless a line went out less than a period ago; then only counts it. */
    public void warn(String format, Object... arguments) {
        log(Level.WARN, format, arguments);
    }

    /** Logs at INFO unless a line went out less than a period ago; then only counts it. */
    public void info(String format, Object... arguments) {
        log(Level.INFO, format, arguments);
    }

    private void log(Level level, String format, Object... arguments) {
        long skipped;
        synchronized (this) {
            var now = clock.instant();
            if (now.isBefore(next)) {
                leftOut++;
                return;
            }
            next = now.plus(period);
            skipped = leftOut;
            leftOut = 0;
        }
        if (skipped == 0) {
            log.atLevel(level).log(format, arguments);
        } else if (log.isEnabledForLevel(level)) {
            var message = MessageFormatter.arrayFormat(format, arguments).getMessage();
            log.atLevel(level).log("{} ({} more like it in the last {} not logged)", message, skipped, period);
        }
    }
}
