package org.supportbot.channel.telegram;

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

    @Test
    void letsManyChatsThroughAtOnceWithinTheOverallLimit() {
        var roomy = new RateLimiter(clock, 30, 30, 1, 3, 20.0 / 60, 20);
        for (long chat = 1; chat <= 30; chat++) {
            assertThat(roomy.tryAcquire(chat)).as("chat %d", chat).isZero();
        }
        var wait = roomy.tryAcquire(31);
        assertThat(wait).as("one over the overall burst").isEqualTo(Duration.ofMillis(34)); // 1/30 s, rounded up
    }

    @Test
    void holdsEveryChatOnceManyChatsReachedTheOverallLimitAndTakesNothingFromThem() {
        var slow = new RateLimiter(clock, 1, 3, 1, 3, 20.0 / 60, 20);
        for (long chat = 1; chat <= 3; chat++) {
            assertThat(slow.tryAcquire(chat)).isZero();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(slow.tryAcquire(4)).as("attempt %d of a fresh chat", i).isEqualTo(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(3)); // the overall bucket is full again
        for (int i = 0; i < 3; i++) {
            assertThat(slow.tryAcquire(4)).as("message %d: the refused attempts took nothing from chat 4", i).isZero();
        }
    }

    @Test
    void reportsTheWaitOfTheBucketThatIsFurthestFromAToken() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(1);
        }
        assertThat(limiter.tryAcquire(2)).as("only the overall bucket is empty: 1/27 s").isEqualTo(Duration.ofMillis(38));
        assertThat(limiter.tryAcquire(1)).as("both empty: chat 1's second wins").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void grantsTheMessageOnceTheReportedWaitHasPassed() {
        long granted = 0;
        for (int i = 0; i < 200; i++) {
            long chat = i % 7;
            var wait = limiter.tryAcquire(chat);
            if (!wait.isZero()) {
                clock.advance(wait);
                assertThat(limiter.tryAcquire(chat)).as("after waiting %s for chat %d", wait, chat).isZero();
            }
            granted++;
        }
        assertThat(granted).isEqualTo(200);
    }

    @Test
    void forgetsAChatOnceItsBucketWouldBeFullAgain() {
        for (long chat = 1; chat <= 100; chat++) {
            limiter.tryAcquire(chat); // most are told to wait: asking is enough to be remembered
        }
        limiter.tryAcquire(-100123);
        assertThat(limiter.chatsRemembered()).isEqualTo(101);

        // Caffeine drops expired entries on a timer wheel ticking about once a second, hence the margins.
        clock.advance(Duration.ofMillis(2_999)); // a private chat's bucket takes 3 s to fill
        assertThat(limiter.chatsRemembered()).isEqualTo(101);
        clock.advance(Duration.ofMillis(2_001));
        assertThat(limiter.chatsRemembered()).as("only the group").isEqualTo(1);
        clock.advance(Duration.ofSeconds(53)); // a group's takes a minute
        assertThat(limiter.chatsRemembered()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.chatsRemembered()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(1)).as("a forgotten chat starts with a full burst, message %d", i).isZero();
        }
    }

    @Test
    void remembersAtMostTenThousandChats() {
        var roomy = new RateLimiter(clock, 1_000_000, 1_000_000, 1, 3, 20.0 / 60, 20);
        for (long chat = 1; chat <= RateLimiter.MAX_CHATS + 500; chat++) {
            assertThat(roomy.tryAcquire(chat)).isZero();
        }
        assertThat(roomy.chatsRemembered()).isLessThanOrEqualTo(RateLimiter.MAX_CHATS);
    }

    @Test
    void grantsOnlyTheBurstToManyThreadsAskingAtOnce() throws Exception {
        int threads = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                long firstChat = 1_000L * t;
                results.add(pool.submit(() -> {
                    start.await();
                    int granted = 0;
                    for (int i = 0; i < 50; i++) {
                        // each thread asks for its own chats and for one shared chat
                        granted += limiter.tryAcquire(i % 2 == 0 ? firstChat + i : 7).isZero() ? 1 : 0;
                    }
                    return granted;
                }));
            }
            start.countDown();
            int granted = 0;
            for (var result : results) {
                granted += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(granted).as("the overall burst, with time standing still").isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAnOverallRateOutsideOneToTenThousand() {
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.telegram(clock, 0.5))
                .withMessageContaining("supportbot.telegram.messages-per-second").withMessageContaining("0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.telegram(clock, 10_001));
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.telegram(clock, Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(clock, 27, 0, 1, 3, 20.0 / 60, 20))
                .withMessageContaining("burst");
    }
}
