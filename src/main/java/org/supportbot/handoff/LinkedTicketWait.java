package org.supportbot.handoff;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How opening waits for the ticket another hand-over of the same conversation linked and may not
 * have stored yet (it is between its link and its ticket's insert): it looks again every
 * {@link #EVERY} for up to {@link #LIMIT}. A link that still points at nothing after that is
 * refused as a conflict, and taken over once older than {@link TicketStore#UNSTORED_LINK_AGE}
 * (a crash came between the two writes). The pause is injected so that tests need not sleep.
 */
@Component
class LinkedTicketWait {

    /** The longest opening waits for the linked ticket. */
    static final Duration LIMIT = Duration.ofSeconds(1);
    /** How often it looks. */
    static final Duration EVERY = Duration.ofMillis(5);

    /** Waits a moment; {@link #SLEEP} in the application. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration time) throws InterruptedException;
    }

    static final Pause SLEEP = time -> Thread.sleep(time.toMillis());

    private final Pause pause;

    @Autowired
    LinkedTicketWait() {
        this(SLEEP);
    }

    LinkedTicketWait(Pause pause) {
        this.pause = pause;
    }

    /**
     * What {@code lookup} finds, looking again after each pause until {@link #LIMIT} has passed;
     * empty when it found nothing, or the thread was interrupted (its flag set again).
     */
    <T> Optional<T> await(Supplier<Optional<T>> lookup) {
        long attempts = LIMIT.toNanos() / EVERY.toNanos();
        for (long attempt = 0; attempt < attempts; attempt++) {
            var found = lookup.get();
            if (found.isPresent()) {
                return found;
            }
            try {
                pause.pause(EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }
}
