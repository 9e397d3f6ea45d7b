package org.supportbot.handoff;

import java.time.Duration;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Where a waiting customer stands, as they are told.
 *
 * @param position 1 for the next in the queue
 * @param expectedWait the estimate from recent handling times (including the time until operators are back)
 * @param openNow whether operators are working now
 * @param nextOpening when operators are back, in the schedule's time zone; null when open now
 */
public record QueueStanding(int position, Duration expectedWait, boolean openNow, @Nullable ZonedDateTime nextOpening) {
}
