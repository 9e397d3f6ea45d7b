package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

class RateLimiterTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final RateLimiter limiter = RateLimiter.telegram(clock);

    @Test
    void letsAShortBurstToOneChatThroughThenOneMessageASecond() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(1)).as("message %d of the burst", i).isZero();
        }
        assertThat(limiter.tryAcquire(1)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(limiter.tryAcquire(1)).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire(1)).isZero();
        assertThat(limiter.tryAcquire(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void keepsOtherChatsUnaffectedByABusyOne() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(1);
        }
        clock.advance(Duration.ofMillis(200)); // the overall bucket refills; chat 1's does not yet
        assertThat(limiter.tryAcquire(1)).isPositive();
        assertThat(limiter.tryAcquire(2)).isZero();
    }

    @Test
    void staysBelowThirtyMessagesInAnySecondOverall() {
        var start = clock.instant();
        int sent = 0;
        int chat = 100;
        while (clock.instant().isBefore(start.plusSeconds(1))) {
            var wait = limiter.tryAcquire(chat);
            if (wait.isZero()) {
                sent++;
                chat++; // every message to a new chat: only the overall limit applies
            } else {
                clock.advance(wait);
            }
        }
        assertThat(sent).isBetween(27, 30);
    }

    @Test
    void allowsOnlyASmallBurstOverall() {
        for (int chat = 0; chat < 3; chat++) {
            assertThat(limiter.tryAcquire(100 + chat)).as("chat %d", chat).isZero();
        }
        var wait = limiter.tryAcquire(500);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(38));
        clock.advance(wait);
        assertThat(limiter.tryAcquire(500)).isZero();
    }

    @Test
    void allowsTwentyMessagesAMinuteToAGroup() {
        long group = -100123;
        var generousPerChat = new RateLimiter(clock, 30, 30, 100, 100, 20.0 / 60, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(generousPerChat.tryAcquire(group)).as("message %d", i).isZero();
            clock.advance(Duration.ofMillis(40)); // within the overall 30/s
        }
        var wait = generousPerChat.tryAcquire(group);
        assertThat(wait).isBetween(Duration.ofMillis(2_000), Duration.ofMillis(3_000));
        assertThat(generousPerChat.tryAcquire(4242)).as("a private chat is not limited by the group").isZero();
    }

    @Test
    void appliesThePerChatLimitToGroupsToo() {
        long group = -100123;
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(group)).isZero();
        }
        assertThat(limiter.tryAcquire(group)).isPositive();
    }

    @Test
    void takesNothingWhenItAsksToWait() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(1);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(1)).isEqualTo(Duration.ofSeconds(1));
        }
    }
}
