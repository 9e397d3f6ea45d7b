package org.supportbot.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How opening waits for a ticket another hand-over linked but has not stored yet: with pauses the test counts, not sleeps. */
class LinkedTicketWaitTests {

    private final List<Duration> pauses = new ArrayList<>();
    private final LinkedTicketWait wait = new LinkedTicketWait(pauses::add);

    @Test
    void looksAgainAfterEachPauseUntilTheTicketIsThere() {
        var looks = new AtomicInteger();
        var found = wait.await(() -> looks.incrementAndGet() == 3 ? Optional.of("#42") : Optional.empty());

        assertThat(found).contains("#42");
        assertThat(looks).hasValue(3);
        assertThat(pauses).containsExactly(LinkedTicketWait.EVERY, LinkedTicketWait.EVERY);
    }

    @Test
    void givesUpAfterASecondOfLooking() {
        var looks = new AtomicInteger();
        var found = wait.await(() -> {
            looks.incrementAndGet();
            return Optional.empty();
        });

        assertThat(found).isEmpty();
        assertThat(looks).hasValue(200);
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void stopsWhenInterruptedAndKeepsTheInterrupt() {
        var looks = new AtomicInteger();
        var interrupted = new LinkedTicketWait(time -> {
            throw new InterruptedException();
        });
        try {
            var found = interrupted.await(() -> {
                looks.incrementAndGet();
                return Optional.empty();
            });
            assertThat(found).isEmpty();
            assertThat(looks).hasValue(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
    }
}
