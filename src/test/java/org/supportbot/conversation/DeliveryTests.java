package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.supportbot.MovableClock;
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
        var entry = new Outbox.Entry("test:1#0", "test", "42", reply, 0, clock.instant(), clock.instant(), true);
        var marked = new AtomicBoolean();
        var markAttempts = new AtomicInteger();
        // Until it is marked sent, the reply stays in the outbox and may be claimed (its lease ran out).
        when(outbox.undelivered(anyInt())).thenAnswer(call -> marked.get() ? List.of() : List.of(entry));
        when(outbox.claim(eq("test:1#0"), anyString(), any(Duration.class))).thenReturn(true);
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
}
