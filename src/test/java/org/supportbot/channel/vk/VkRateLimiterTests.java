package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;

class VkRateLimiterTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final VkRateLimiter limiter = VkRateLimiter.communityToken(clock);

    @Test
    void letsOneRequestThroughThenOneEveryEighteenthOfASecond() {
        assertThat(limiter.tryAcquire()).isZero();
        var wait = limiter.tryAcquire();
        assertThat(wait).as("1/18 s, rounded up to whole milliseconds").isEqualTo(Duration.ofMillis(56));
        clock.advance(Duration.ofMillis(55));
        assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire()).isZero();
    }

    @Test
    void takesNothingWhenItAsksToWait() {
        limiter.tryAcquire();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire()).as("attempt %d", i).isEqualTo(Duration.ofMillis(56));
        }
    }

    @Test
    void staysBelowTwentyRequestsInAnySecond() {
        var start = clock.instant();
        int made = 0;
        while (clock.instant().isBefore(start.plusSeconds(1))) {
            var wait = limiter.tryAcquire();
            if (wait.isZero()) {
                made++;
            } else {
                clock.advance(wait);
            }
        }
        assertThat(made).isBetween(18, 19);
    }

    @Test
    void grantsTheRequestOnceTheReportedWaitHasPassed() {
        for (int i = 0; i < 100; i++) {
            var wait = limiter.tryAcquire();
            if (!wait.isZero()) {
                clock.advance(wait);
                assertThat(limiter.tryAcquire()).as("request %d after waiting %s", i, wait).isZero();
            }
        }
    }

    @Test
    void savesUpNoMoreThanTheBurstWhileIdle() {
        var bursty = new VkRateLimiter(clock, 20, 3);
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(bursty.tryAcquire()).as("request %d", i).isZero();
        }
        assertThat(bursty.tryAcquire()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void grantsOnlyOneRequestToManyThreadsAskingAtOnce() throws Exception {
        int threads = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < 50; i++) {
                        granted += limiter.tryAcquire().isZero() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (var result : results) {
                granted += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(granted).as("the burst of one, with time standing still").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesARateOutsideOneToTenThousand() {
        assertThatIllegalArgumentException().isThrownBy(() -> VkRateLimiter.communityToken(clock, 0.5))
                .withMessageContaining("supportbot.vk.calls-per-second").withMessageContaining("0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> VkRateLimiter.communityToken(clock, 10_001));
        assertThatIllegalArgumentException().isThrownBy(() -> VkRateLimiter.communityToken(clock, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> new VkRateLimiter(clock, 18, 0)).withMessageContaining("burst");
    }
}
