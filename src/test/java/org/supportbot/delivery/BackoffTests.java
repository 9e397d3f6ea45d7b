package org.supportbot.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Instant created = Instant.parse("2026-11-23T10:00:00Z");
    private final Instant now = created.plusSeconds(90);

    @Test
    void retriesTheFirstFailureAfterOneSecond() {
        assertThat(Backoff.after(created, 0, 0, now, "502 Bad Gateway", null))
                .isEqualTo(new Backoff.RetryAt(now.plusSeconds(1), true));
    }

    @Test
    void doublesTheWaitWithEachFailure() {
        assertThat(Backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.delay(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(Backoff.after(created, 3, 3, now, "timeout", null)).isEqualTo(new Backoff.RetryAt(now.plusSeconds(8), true));
    }

    @Test
    void neverWaitsLongerThanFiveMinutes() {
        assertThat(Backoff.delay(10)).as("512 s, capped").isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.delay(64)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.delay(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.after(created, 500, Integer.MAX_VALUE - 1, now, "5xx", null))
                .isEqualTo(new Backoff.RetryAt(now.plus(Duration.ofMinutes(5)), true));
    }

    @Test
    void waitsOneSecondForACountBelowOne() {
        assertThat(Backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.delay(-3)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void comesBackWhenThePlatformSaysWithoutCountingAFailure() {
        assertThat(Backoff.after(created, 10, 9, now, "429 Too Many Requests", Duration.ofSeconds(17)))
                .as("not the 256 s of nine failures").isEqualTo(new Backoff.RetryAt(now.plusSeconds(17), false));
        assertThat(Backoff.after(created, 0, 0, now, "429", Duration.ZERO)).isEqualTo(new Backoff.RetryAt(now, false));
        assertThat(Backoff.after(created, 0, 0, now, "429", Duration.ofHours(1)))
                .as("the platform's word beyond the cap").isEqualTo(new Backoff.RetryAt(now.plus(Duration.ofHours(1)), false));
    }

    @Test
    void givesUpOnAReplyOlderThanADay() {
        var dayLater = created.plus(Duration.ofHours(24));
        assertThat(Backoff.after(created, 40, 40, dayLater, "502", null)).as("exactly a day: still tried")
                .isInstanceOf(Backoff.RetryAt.class);
        assertThat(Backoff.after(created, 40, 40, dayLater.plusMillis(1), "502", null))
                .isEqualTo(new Backoff.GiveUp("gave up after 41 attempts: 502"));
        assertThat(Backoff.after(created, 7, 0, dayLater.plusSeconds(1), "429", Duration.ofSeconds(1)))
                .as("even when the platform says when").isEqualTo(new Backoff.GiveUp("gave up after 8 attempts: 429"));
    }
}
