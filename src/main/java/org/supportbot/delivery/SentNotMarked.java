package org.supportbot.delivery;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.supportbot.store.Outbox;

/**
 * Replies the platform accepted whose "sent" mark did not reach the store (it was down): they
 * are marked before anything else is sent, and never sent again by this process. Thread-safe.
 */
final class SentNotMarked {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final Outbox outbox;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    SentNotMarked(Outbox outbox) {
        this.outbox = outbox;
    }

    void remember(String id) {
        ids.add(id);
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    /** Marks the remembered replies sent; while the store is still down this throws, and the loop pauses. */
    void markNow() {
        for (var id : List.copyOf(ids)) {
            outbox.markSent(id);
            ids.remove(id);
            log.debug("Reply {} marked sent now that the store answers again", id); // its id names the chat
        }
    }
}
