package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

class HandoverLimitsTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T07:00:00Z"));
    private final HandoverLimits limits = new HandoverLimits(true, 10, 3, Duration.ofMinutes(10), clock);

    @Test
    void oneOriginOpensAtMostTenAMinuteWhateverItsConversations() {
        int taken = 0;
        for (int i = 0; i < 200; i++) {
            taken += limits.tryTake("198.51.100.7", "web:session-" + i) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(10);
        assertThat(limits.tryTake("198.51.100.8", "web:elsewhere")).as("another address").isTrue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(limits.tryTake("198.51.100.7", "web:late")).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limits.tryTake("198.51.100.7", "web:later")).isTrue();
    }

    @Test
    void oneConversationOpensAtMostThreeInTenMinutes() {
        var chat = "telegram:42";
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryTake(chat, chat)).isTrue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(limits.tryTake(chat, chat)).isFalse();
        clock.advance(Duration.ofMinutes(7)); // ten minutes after the first
        assertThat(limits.tryTake(chat, chat)).isTrue();
        assertThat(limits.tryTake(chat, chat)).isFalse();
    }

    @Test
    void aRefusalTakesNothingFromTheOtherLimit() {
        var chat = "web:one";
        for (int i = 0; i < 3; i++) {
            limits.tryTake("198.51.100.9", chat);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(limits.tryTake("198.51.100.9", chat)).isFalse();
        }
        int taken = 0;
        for (int i = 0; i < 20; i++) {
            taken += limits.tryTake("198.51.100.9", "web:other-" + i) ? 1 : 0;
        }
        assertThat(taken).as("refused tries spent none of the address's ten").isEqualTo(7);
    }

    @Test
    void switchedOffWithTheEdgesLimits() {
        var off = new HandoverLimits(false, 1, 1, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(off.tryTake("198.51.100.7", "web:same")).isTrue();
        }
    }
}
