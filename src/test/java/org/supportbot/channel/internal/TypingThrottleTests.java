package org.supportbot.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

class TypingThrottleTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final TypingThrottle throttle = new TypingThrottle(clock);

    @Test
    void passesOneNoticeAChatEveryFiveSeconds() {
        assertThat(throttle.tryPass("42")).isTrue();
        assertThat(throttle.tryPass("42")).isFalse();
        clock.advance(Duration.ofMillis(4999));
        assertThat(throttle.tryPass("42")).isFalse();
        assertThat(throttle.tryPass("43")).as("another chat has its own pace").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.tryPass("42")).isTrue();
        assertThat(throttle.tryPass("42")).isFalse();
    }

    @Test
    void forgetsIdleChatsWhenManyWereSeen() {
        for (int chat = 0; chat <= 10_001; chat++) {
            throttle.tryPass(Integer.toString(chat));
        }
        clock.advance(Duration.ofSeconds(6));
        assertThat(throttle.tryPass("fresh")).isTrue();
        assertThat(throttle.tryPass("7")).as("its last notice is long gone").isTrue();
    }
}
