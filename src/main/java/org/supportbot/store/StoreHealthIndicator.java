package org.supportbot.store;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code store} in {@code /actuator/health}: DOWN while the database does not answer a ping. */
@Component("store")
class StoreHealthIndicator extends AbstractHealthIndicator {

    private final MongoStore store;

    StoreHealthIndicator(MongoStore store) {
        super("The store does not answer");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.ping();
        builder.up().withDetail("embedded", store.embedded());
    }
}
