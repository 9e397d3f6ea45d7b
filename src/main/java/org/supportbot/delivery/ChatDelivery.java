package org.supportbot.delivery;

import java.time.Instant;
import java.util.List;
import org.supportbot.store.Outbox;

/**
 * One chat's replies, to be sent in order by one worker.
 *
 * @param chat channel and chat, as {@code channel:chat}
 * @param claimedAt when the claims on them began: none is sent once half of the lease is gone
 */
record ChatDelivery(String chat, List<Outbox.Entry> replies, Instant claimedAt) {

    static String chatOf(Outbox.Entry entry) {
        return entry.channel() + ":" + entry.chat();
    }
}
