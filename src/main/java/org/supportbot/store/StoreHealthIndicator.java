package org.supportbot.store;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code store} in {@code /actuator/health}: DOWN while the database does not answer a ping within
 * {@link #DEADLINE}, so an outage shows within that time, not after the driver's server selection
 * timeout; UP again once the driver sees the server back (it looks at least every 500 ms while a
 * ping waits for it).
 */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {

    /** Long enough for a loaded server to answer a ping, short enough for a load balancer's probe. */
    static final Duration DEADLINE = Duration.ofMillis(1500);

    private final MongoStore store;

    StoreHealthIndicator(MongoStore store) {
        super("The store does not answer");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.ping(DEADLINE);
        builder.up().withDetail("embedded", store.embedded());
    }
}
