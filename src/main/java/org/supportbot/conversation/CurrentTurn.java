package org.supportbot.conversation;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The turn the current thread is taking, if any: how a ticket event raised in the middle of a turn
 * finds it. Handoff publishes its events synchronously, on the caller's thread, so a listener runs
 * inside the turn that caused it with no way to be handed the turn; see the package documentation
 * for why that listener must know. Nothing else should need this.
 */
@Component
class CurrentTurn {

    private final ThreadLocal<Turn> turn = new ThreadLocal<>();

    /** The turn this thread is taking; null outside a turn. */
    @Nullable Turn get() {
        return turn.get();
    }

    /** Marks {@code taken} as this thread's turn until {@link #leave()}; call that in a {@code finally}. */
    void enter(Turn taken) {
        turn.set(taken);
    }

    void leave() {
        turn.remove();
    }
}
