package org.supportbot.store;

import java.time.Instant;

/**
 * Data another module keeps only for a while: the hourly housekeeping job asks each such bean to
 * remove what has outlived its retention, after the inbox and outbox markers. Implementations must
 * not scan whole collections on MongoDB (an index, or a TTL index, on the time field).
 */
public interface Expiry {

    /** Removes what is older than its retention at {@code now}; returns how many documents went. */
    long expire(Instant now);
}
