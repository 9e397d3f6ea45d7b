package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.handoff.Operator;
import org.supportbot.handoff.Ticket;
import org.supportbot.handoff.TicketOverdue;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.knowledge.Language;

/** Operators' event streams: a client that stops reading holds up no one, and an operator keeps a few streams at most. */
class OperatorEventsTests {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final int QUEUE = 4;
    private static final Operator ANNA = new Operator("anna", "Anna", Set.of("payments"), 3, null, null, false);
    private static final Operator BORIS = new Operator("boris", "Boris", Set.of(), 3, null, null, false);

    private final OperatorEvents events = new OperatorEvents(Clock.fixed(T0, ZoneOffset.UTC), mock(ConversationEngine.class), 3, QUEUE);

    @AfterEach
    void stop() {
        events.stop();
    }

    /** A client: counts what it is sent and whether it was closed; once {@code stall} is set, its writes wait for {@link #release}. */
    private static final class Client extends SseEmitter {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch completed = new CountDownLatch(1);
        final AtomicInteger sent = new AtomicInteger();
        final CountDownLatch received;
        final Semaphore each = new Semaphore(0);
        volatile boolean stall;

        Client(int expected) {
            this.received = new CountDownLatch(expected);
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            if (stall) {
                stalled.countDown();
                try {
                    release.await(); // a socket whose reader went away: the write blocks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.incrementAndGet();
            received.countDown();
            each.release();
        }

        @Override
        public void complete() {
            completed.countDown();
        }
    }

    private static TicketOverdue overdue(long number) {
        return new TicketOverdue(new Ticket(number, "test:" + number, "test", null, Language.EN, null, "customer_request", "payments", 0,
                TicketStatus.WAITING, null, null, T0, null, null, null, T0.plus(Duration.ofMinutes(15)), true, null, null, List.of(), List.of()));
    }

    @Test
    void aClientThatStopsReadingNeitherHoldsUpThePublisherNorOtherOperatorsAndIsClosed() throws InterruptedException {
        var stalled = new Client(1);
        var healthy = new Client(1 + 10);
        var stalledStream = events.open(stalled, ANNA); // the hello goes out before the client stalls
        events.open(healthy, BORIS);
        stalled.stall = true;

        // Were events written on the publishing thread, the first would block it for good.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i <= 10; i++) {
                events.publish(overdue(i));
                assertThat(healthy.each.tryAcquire(1 + (i == 1 ? 1 : 0), 30, TimeUnit.SECONDS)).as("boris reads event %d", i).isTrue();
            }
        });

        assertThat(stalled.stalled.await(30, TimeUnit.SECONDS)).as("its writer is stuck in a write").isTrue();
        assertThat(stalledStream.closed()).as("more than %d events unread closes it", QUEUE).isTrue();
        assertThat(events.subscribers()).isEqualTo(1);
        assertThat(healthy.received.await(30, TimeUnit.SECONDS)).as("the other operator hears every event").isTrue();
        assertThat(healthy.completed.getCount()).isEqualTo(1);

        stalled.release.countDown();
        assertThat(stalled.completed.await(30, TimeUnit.SECONDS)).as("the response is ended once the write lets go").isTrue();
        assertThat(stalled.sent.get()).as("the hello and the one event in the write, no more").isEqualTo(2);
    }

    @Test
    void aFourthStreamOfOneOperatorClosesTheirOldest() throws InterruptedException {
        var clients = List.of(new Client(2), new Client(2), new Client(2), new Client(2));
        var streams = clients.stream().map(client -> events.open(client, ANNA)).toList();
        events.open(new Client(1), BORIS);

        assertThat(streams).extracting(EventStream::closed).containsExactly(true, false, false, false);
        assertThat(clients.get(0).completed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(events.subscribers()).as("anna's three and boris's one").isEqualTo(4);

        events.publish(overdue(1));
        for (var client : clients.subList(1, 4)) {
            assertThat(client.received.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(clients.get(0).sent.get()).as("the closed one hears only its hello").isEqualTo(1);
    }
}
