package org.supportbot.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client address and endpoint (Bucket4j), kept in a bounded Caffeine cache that
 * forgets an address after {@code idle} without requests — a forgotten address starts again with
 * full buckets, which is what it would have had by then anyway. Time comes from the injected
 * {@link Clock}. Thread-safe.
 */
final class InboundLimits {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Map<PublicEndpoint, Integer> perMinute = new EnumMap<>(PublicEndpoint.class);
    private final Cache<Key, Bucket> buckets;
    private final LimiterClock time;

    InboundLimits(EdgeProperties properties, Clock clock) {
        perMinute.put(PublicEndpoint.NEW_SESSION, properties.newSessionsPerMinute());
        perMinute.put(PublicEndpoint.MESSAGE, properties.messagesPerMinute());
        perMinute.put(PublicEndpoint.UPDATES, properties.updatesPerMinute());
        perMinute.put(PublicEndpoint.PARSE, properties.parsePerMinute());
        this.time = new LimiterClock(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxAddresses())
                .expireAfterAccess(properties.idle())
                .ticker(time)
                .build();
    }

    private record Key(PublicEndpoint endpoint, String address) {
    }

    /**
     * Takes one request from the address's bucket for the endpoint.
     *
     * @return empty when the request may go on, otherwise how long until it would be let through
     */
    Optional<Duration> take(PublicEndpoint endpoint, String address) {
        var limit = perMinute.get(endpoint);
        if (limit == null) {
            return Optional.empty(); // the platforms' webhooks: their secrets, not a rate, keep strangers out
        }
        var bucket = buckets.get(new Key(endpoint, address), key -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, PERIOD))
                .withCustomTimePrecision(time)
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

}
