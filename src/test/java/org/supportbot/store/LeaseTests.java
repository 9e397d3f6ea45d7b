package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.supportbot.MemoryStore;
import org.supportbot.MovableClock;

class LeaseTests {

    private final MemoryStore store = new MemoryStore();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final Lease first = lease("first");
    private final Lease second = lease("second");

    private Lease lease(String owner) {
        return new Lease(store, "telegram-polling", owner, Duration.ofSeconds(60), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void letsOneInstancePollAtATime() {
        assertThat(first.acquire()).isTrue();
        assertThat(second.acquire()).isFalse();
        assertThat(first.holder()).isEqualTo("first");
    }

    @Test
    void staysWithTheHolderWhileItRenews() {
        assertThat(first.acquire()).isTrue();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(40));
            assertThat(first.acquire()).as("renewal %d", i).isTrue();
            assertThat(second.acquire()).isFalse();
        }
    }

    @Test
    void passesToAnotherInstanceWhenTheHolderStopsRenewing() {
        assertThat(first.acquire()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(second.acquire()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(second.acquire()).isTrue();
        assertThat(first.acquire()).as("the old holder finds it taken").isFalse();
        assertThat(first.holder()).isEqualTo("second");
    }

    @Test
    void passesAtOnceWhenTheHolderReleasesIt() {
        assertThat(first.acquire()).isTrue();
        first.release();
        assertThat(second.acquire()).isTrue();
    }
}
