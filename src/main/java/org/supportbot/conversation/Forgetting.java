package org.supportbot.conversation;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.supportbot.handoff.Handoff;
import org.supportbot.privacy.CustomerErased;
import org.supportbot.privacy.CustomerErasing;

/**
 * Before a customer is erased: their open ticket is cancelled — a waiting one leaves the queue, an
 * operator holding one is told it closed — and the conversation's cached state is dropped, so the
 * next message starts a new conversation instead of writing the old one back. Under the
 * conversation's lock: no turn of it runs meanwhile.
 */
@Component
class Forgetting {

    private final Handoff handoff;
    private final Conversations conversations;
    private final ConversationLocks locks;

    Forgetting(Handoff handoff, Conversations conversations, ConversationLocks locks) {
        this.handoff = handoff;
        this.conversations = conversations;
        this.locks = locks;
    }

    @EventListener
    void on(CustomerErasing event) {
        var id = ConversationId.parse(event.conversation());
        var lock = locks.of(id);
        lock.lock();
        try {
            handoff.cancelByCustomer(event.conversation());
            conversations.forget(id);
        } finally {
            lock.unlock();
        }
    }

    /** A message that came in during the erase loaded the state again: it goes too. */
    @EventListener
    void on(CustomerErased event) {
        var id = ConversationId.parse(event.conversation());
        var lock = locks.of(id);
        lock.lock();
        try {
            conversations.forget(id);
        } finally {
            lock.unlock();
        }
    }
}
