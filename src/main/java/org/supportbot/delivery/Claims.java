package org.supportbot.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.supportbot.store.Outbox;

/** This process's claims on replies in the outbox: who holds them, for how long, and giving back the unused. */
final class Claims {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final String owner = "delivery-" + UUID.randomUUID();

    Claims(Outbox outbox) {
        this.outbox = outbox;
    }

    String owner() {
        return owner;
    }

    /** Claims not used: due again at once rather than when the lease runs out. */
    void giveBack(List<Outbox.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            outbox.release(entries.stream().map(Outbox.Entry::id).toList(), owner);
        } catch (RuntimeException e) {
            log.debug("Claims not given back (their lease runs out instead): {}", e.toString());
        }
    }
}
