package org.supportbot.conversation;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * One conversation at a time: whatever reads and changes a conversation's state — a turn, a ticket
 * notice — holds its lock. Striped: conversations share a fixed set of locks.
 */
@Component
class ConversationLocks {

    private static final int STRIPES = 1024;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ConversationLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(ConversationId id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }
}
