package org.supportbot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.MessageCodec;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.store.Outbox;

class DeliveryTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));

    /**
     * Regression (bench/reliability/faults.sh, the store restarted mid-run): a reply the platform
     * accepted while the store was down could not be marked sent, was taken for a failed send and
     * retried, and the customer got it twice once the store was back.
     */
    @Test
    void marksAReplySentWhenTheStoreIsBackInsteadOfSendingItAgain() throws Exception {
        var outbox = mock(Outbox.class);
        var reply = MessageCodec.outbound(new OutboundMessage(new ConversationId("test", "42"), "Ваш заказ в пути", List.of()));
        var entry = new Outbox.Entry("test:1#0", "test", "42", reply, 0, 0, clock.instant(), clock.instant(), true);
        var marked = new AtomicBoolean();
        var markAttempts = new AtomicInteger();
        // Until it is marked sent, the reply stays in the outbox and may be claimed (its lease ran out).
        when(outbox.undeliveredExceptHeldBy(anyString(), anyInt())).thenAnswer(call -> marked.get() ? List.of() : List.of(entry));
        when(outbox.claimAll(eq(List.of("test:1#0")), anyString(), any(Duration.class))).thenReturn(Set.of("test:1#0"));
        doAnswer(call -> {
            if (markAttempts.incrementAndGet() == 1) {
                throw new MongoTimeoutException("the store does not answer (test)");
            }
            marked.set(true);
            return null;
        }).when(outbox).markSent("test:1#0");
        var sender = new RecordingSender();
        var delivery = new Delivery(outbox, List.of(sender), clock, Duration.ofMillis(50), 1);

        assertThat(delivery.deliverOnce()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        delivery.deliverOnce();
        delivery.deliverOnce();

        assertThat(sender.ids()).containsExactly("test:1#0");
        assertThat(marked).isTrue();
    }

    /**
     * Regression (bench/reliability/faults.sh: 30 s of 429s, then 30 s of 5xx): the back-off
     * counted every attempt, the 429s too — which say themselves when to come back — so the first
     * 5xx after a 429 storm put each reply off by the 5-minute cap, and the bot took 290 s to catch up.
     */
    @Test
    void backsOffFromFailuresAloneNotFromTheTimesThePlatformSaidWhenToComeBack() throws Exception {
        var outbox = mock(Outbox.class);
        var reply = MessageCodec.outbound(new OutboundMessage(new ConversationId("test", "42"), "Ваш заказ в пути", List.of()));
        // Ten attempts so far, all answered 429 with retry_after: no failure yet.
        var entry = new Outbox.Entry("test:2#0", "test", "42", reply, 10, 0, clock.instant(), clock.instant(), true);
        when(outbox.undeliveredExceptHeldBy(anyString(), anyInt())).thenReturn(List.of(entry));
        when(outbox.claimAll(eq(List.of("test:2#0")), anyString(), any(Duration.class))).thenReturn(Set.of("test:2#0"));
        var delivery = new Delivery(outbox, List.of(RecordingSender.failing()), clock, Duration.ofMillis(50), 1);

        delivery.deliverOnce();

        verify(outbox).retryAt(eq("test:2#0"), eq(clock.instant().plusSeconds(1)), anyString(), eq(true));
    }
    /**
     * Each pass used to wait for all of its chats before it took the next replies, so one chat
     * waiting for its 1 message/s (or a slow platform) held up every other customer.
     */
    @Test
    void aChatStillSendingDoesNotHoldUpTheOthersAndKeepsItsOwnOrder() throws Exception {
        var outbox = mock(Outbox.class);
        var pending = new java.util.LinkedHashMap<String, Outbox.Entry>();
        var claimed = new java.util.HashSet<String>();
        when(outbox.undeliveredExceptHeldBy(anyString(), anyInt())).thenAnswer(call -> {
            synchronized (pending) {
                return List.copyOf(pending.values());
            }
        });
        when(outbox.claimAll(org.mockito.ArgumentMatchers.anyCollection(), anyString(), any(Duration.class))).thenAnswer(call -> {
            synchronized (pending) {
                var taken = new java.util.HashSet<String>();
                for (var id : call.<java.util.Collection<String>>getArgument(0)) {
                    if (pending.containsKey(id) && claimed.add(id)) {
                        taken.add(id);
                    }
                }
                return taken;
            }
        });
        doAnswer(call -> {
            synchronized (pending) {
                pending.remove(call.<String>getArgument(0));
                claimed.remove(call.<String>getArgument(0));
            }
            return null;
        }).when(outbox).markSent(anyString());
        doAnswer(call -> {
            synchronized (pending) {
                claimed.removeAll(call.<java.util.Collection<String>>getArgument(0));
            }
            return null;
        }).when(outbox).release(org.mockito.ArgumentMatchers.anyCollection(), anyString());
        java.util.function.BiConsumer<String, String> enqueue = (id, chat) -> {
            var body = MessageCodec.outbound(new OutboundMessage(new ConversationId("test", chat), id, List.of()));
            synchronized (pending) {
                pending.put(id, new Outbox.Entry(id, "test", chat, body, 0, 0, clock.instant(), clock.instant(), true));
            }
        };
        var slowChatMayGoOn = new java.util.concurrent.CountDownLatch(1);
        var sent = new java.util.concurrent.CopyOnWriteArrayList<String>();
        MessageSender sender = new MessageSender() {
            @Override
            public String channel() {
                return "test";
            }

            @Override
            public void send(String deliveryId, OutboundMessage message) {
                if (message.conversation().chat().equals("slow")) {
                    try {
                        slowChatMayGoOn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                sent.add(deliveryId);
            }
        };
        var delivery = new Delivery(outbox, List.of(sender), java.time.Clock.systemUTC(), Duration.ofMillis(20), 4);
        enqueue.accept("slow:1", "slow");
        enqueue.accept("fast:1", "fast");
        delivery.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent.contains("fast:1"));
            // Later replies: the fast chat's goes out while the slow chat still waits; the slow
            // chat's second reply is not sent before its first.
            enqueue.accept("fast:2", "fast");
            enqueue.accept("slow:2", "slow");
            delivery.wake();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent.contains("fast:2"));
            assertThat(sent).doesNotContain("slow:1", "slow:2");

            slowChatMayGoOn.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 4);
            assertThat(sent.indexOf("slow:1")).isLessThan(sent.indexOf("slow:2"));
            assertThat(sent).containsOnlyOnce("slow:1", "slow:2", "fast:1", "fast:2");
        } finally {
            slowChatMayGoOn.countDown();
            delivery.stop();
        }
    }
}
