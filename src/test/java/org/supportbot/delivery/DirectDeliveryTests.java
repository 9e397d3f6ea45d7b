package org.supportbot.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.DeliveryException;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.store.Outbox;

/**
 * Replies handed from the turn to the delivery loop without a read of the outbox, with the real
 * driver against the embedded store: sent without polling, and never ahead of an older reply the
 * store holds for the same chat.
 */
class DirectDeliveryTests {

    private ConfigurableApplicationContext context;

    private ConversationEngine start(MessageSender sender) throws Exception {
        // Reads of the outbox only when something is left there: a poll would hide the direct way.
        return start(sender, "10m");
    }

    private ConversationEngine start(MessageSender sender, String pollInterval) throws Exception {
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "direct-delivery-");
        context = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("sender", sender))
                .run("--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=" + pollInterval, "--spring.main.banner-mode=off");
        return context.getBean(ConversationEngine.class);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static InboundMessage text(String chat, String text) {
        return new InboundMessage(new ConversationId("test", chat), "Олег", new InboundMessage.Text(text));
    }

    @Test
    void sendsNewRepliesWithoutReadingTheOutbox() throws Exception {
        var sender = new RecordingSender();
        var engine = start(sender);
        engine.receive("test:0", text("100", "как вернуть товар"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("test:0#0"));
        var delivery = context.getBean(Delivery.class);
        // The first reply may have gone through the outbox (stored before the first read of it
        // ended): let the read that follows it pass, until no read is due.
        await().atMost(Duration.ofSeconds(10)).until(delivery::idle);
        long readsBefore = delivery.reads();

        for (int i = 1; i <= 20; i++) {
            engine.receive("test:" + i, text(String.valueOf(200 + i % 5), "где мой заказ"));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().stream().filter(id -> id.endsWith("#0")).count() == 21);
        assertThat(delivery.reads()).as("reads of the outbox").isEqualTo(readsBefore);
        assertThat(sender.ids()).doesNotHaveDuplicates();
        var outbox = context.getBean(Outbox.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sender.ids()).allSatisfy(id -> assertThat(outbox.status(id)).isEqualTo("sent")));
    }

    @Test
    void handsTheSenderTheReplyRecordItselfWithoutDecodingTheStoredDocument() throws Exception {
        var sender = new RecordingSender();
        var engine = start(sender);
        var delivery = context.getBean(Delivery.class);
        await().atMost(Duration.ofSeconds(10)).until(delivery::idle); // the first read saw the whole outbox: replies go directly

        var reply = new OutboundMessage(new ConversationId("test", "300"), "Оператор ответит здесь", List.of(new OutboundMessage.Button("Ок", "intent:thanks")));
        engine.post("operator:1", reply);

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("operator:1"));
        var sent = sender.sent().stream().filter(s -> s.deliveryId().equals("operator:1")).findFirst().orElseThrow();
        assertThat(sent.message()).isSameAs(reply);
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(context.getBean(Outbox.class).status("operator:1")));
    }

    @Test
    void aNewReplyWaitsBehindAnOlderOneTheStoreHoldsForARetry() throws Exception {
        var attempts = new CopyOnWriteArrayList<String>();
        var sent = new CopyOnWriteArrayList<String>();
        var firstTry = new AtomicBoolean(true);
        MessageSender sender = new MessageSender() {
            @Override
            public String channel() {
                return "test";
            }

            @Override
            public void send(String deliveryId, OutboundMessage message) throws DeliveryException {
                attempts.add(deliveryId);
                if (deliveryId.equals("test:a#0") && firstTry.getAndSet(false)) {
                    throw DeliveryException.retry("429 Too Many Requests (test)", Duration.ofMillis(700));
                }
                sent.add(deliveryId);
            }
        };
        var engine = start(sender);
        var outbox = context.getBean(Outbox.class);
        engine.receive("test:a", text("200", "как вернуть товар"));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.contains("test:a#0") && "pending".equals(outbox.status("test:a#0")));

        engine.receive("test:b", text("200", "где мой заказ"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.contains("test:a#0") && sent.contains("test:b#0"));
        assertThat(sent).as("the chat's replies in the order they were written").startsWith("test:a#0", "test:b#0");
        assertThat(attempts).startsWith("test:a#0", "test:a#0");
        // A reply is marked sent after the sender returns: wait for the mark, not only the send.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(List.of(outbox.status("test:a#0"), outbox.status("test:b#0"))).containsOnly("sent"));
    }

    /**
     * Regression: the loop's reads of the outbox counted the replies its own workers had in hand,
     * so a busy moment with 500 of them in flight read as a backlog of unknown size, and every
     * reply from then on was stored for a read of the outbox instead of handed over (on the
     * embedded store each such read is a scan of the outbox, which then grew: the engine benchmark
     * at 32 threads fell from 1,000 to 400 messages/s).
     */
    @Test
    void repliesInFlightDoNotTurnTheDirectWayOff() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var sender = RecordingSender.heldUntil(release);
        var engine = start(sender, "100ms");
        var delivery = context.getBean(Delivery.class);
        var outbox = context.getBean(Outbox.class);
        int inFlight = 600; // more than the loop reads at once
        try {
            for (int i = 0; i < inFlight; i++) {
                engine.receive("test:busy" + i, text("busy" + i, "где мой заказ"));
            }
            long reads = delivery.reads();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery.reads() >= reads + 2);

            engine.receive("test:new", text("new", "как вернуть товар"));

            assertThat(outbox.status("test:new#0")).as("the new chat's reply, handed over as it was stored").isEqualTo("sending");
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.ids().size() == inFlight + 1);
        assertThat(sender.ids()).doesNotHaveDuplicates();
    }
}
