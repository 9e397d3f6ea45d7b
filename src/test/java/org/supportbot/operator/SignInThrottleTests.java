package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

class SignInThrottleTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new SignInLimits(10, Duration.ofMinutes(10), Duration.ofMinutes(10)), clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    @Test
    void closesSignInAfterTenFailuresForTheCoolDown() {
        fail("198.51.100.1", 9);
        assertThat(throttle.refusal("198.51.100.1")).as("nine failures").isEmpty();

        fail("198.51.100.1", 1);

        assertThat(throttle.refusal("198.51.100.1")).contains(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.refusal("198.51.100.1")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.refusal("198.51.100.1")).as("cooled down").isEmpty();
    }

    @Test
    void countsOnlyFailuresWithinTheWindow() {
        fail("198.51.100.2", 9);
        clock.advance(Duration.ofMinutes(10));

        fail("198.51.100.2", 1);

        assertThat(throttle.refusal("198.51.100.2")).as("the first nine are older than ten minutes").isEmpty();
        fail("198.51.100.2", 9);
        assertThat(throttle.refusal("198.51.100.2")).isPresent();
    }

    @Test
    void leavesOtherAddressesAlone() {
        fail("198.51.100.3", 10);

        assertThat(throttle.refusal("198.51.100.3")).isPresent();
        assertThat(throttle.refusal("198.51.100.4")).isEmpty();
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        var error = org.assertj.core.api.Assertions.catchThrowable(() -> new SignInLimits(0, Duration.ofMinutes(10), Duration.ofMinutes(10)));

        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sign-in.failures").hasMessageContaining("0");
    }
}
