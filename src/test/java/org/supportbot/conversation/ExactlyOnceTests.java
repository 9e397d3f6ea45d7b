package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.delivery.Delivery;
import org.supportbot.delivery.RecordingSender;
import org.supportbot.store.Inbox;
import org.supportbot.store.Outbox;
import org.supportbot.store.Store;

/**
 * Exactly once from the customer's point of view, with the real driver against the embedded
 * store, across restarts of the whole application.
 */
class ExactlyOnceTests {

    private final Path dataDir;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    ExactlyOnceTests() throws java.io.IOException {
        Files.createDirectories(Path.of("target/test-data"));
        dataDir = Files.createTempDirectory(Path.of("target/test-data"), "exactly-once-");
    }

    private ConfigurableApplicationContext start(RecordingSender sender, String... moreArgs) {
        var args = new ArrayList<>(List.of("--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(moreArgs));
        var context = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("recordingSender", sender))
                .run(args.toArray(String[]::new));
        running.add(context);
        return context;
    }

    private static void stop(ConfigurableApplicationContext context) {
        context.close();
    }

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    private static InboundMessage text(String chat, String text) {
        return new InboundMessage(new ConversationId("test", chat), "Олег", new InboundMessage.Text(text));
    }

    @Test
    void sendsAStoredReplyOnceAfterARestartBeforeItWasSent() throws Exception {
        var first = start(RecordingSender.failing());
        var replies = first.getBean(ConversationEngine.class).receive("test:1", text("100", "как вернуть товар"));
        assertThat(replies).hasSize(1);
        assertThat(first.getBean(Outbox.class).status("test:1#0")).isIn("pending", "sending");
        stop(first);

        var sender = new RecordingSender();
        var second = start(sender);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("test:1#0"));
        // Marked sent after the sender returns: wait for the mark, not only the send.
        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(second.getBean(Outbox.class).status("test:1#0")));
        assertThat(second.getBean(Delivery.class).deliverOnce()).isZero();
        stop(second);

        var afterwards = new RecordingSender();
        var third = start(afterwards);
        assertThat(third.getBean(Delivery.class).deliverOnce()).isZero();
        assertThat(sender.ids()).containsExactly("test:1#0");
        assertThat(afterwards.ids()).isEmpty();
    }

    @Test
    void answersAnUpdateStoredButNotProcessedBeforeACrash() throws Exception {
        var first = start(RecordingSender.failing());
        // The crash came right after the platform's update was stored: it was never processed.
        first.getBean(Inbox.class).store("test:2", "test:200", MessageCodec.inbound(text("200", "где мой заказ")));
        stop(first);

        var sender = new RecordingSender();
        var second = start(sender);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("test:2#0"));
        assertThat(second.getBean(Inbox.class).isProcessed("test:2")).isTrue();
        assertThat(second.getBean(Delivery.class).deliverOnce()).isZero();
        assertThat(sender.ids()).containsExactly("test:2#0");
        assertThat(sender.sent().get(0).message().conversation()).isEqualTo(new ConversationId("test", "200"));
    }

    @Test
    void answersAnUpdateTheCrashedProcessHadClaimedAtOnceAfterTheRestart() throws Exception {
        var first = start(RecordingSender.failing());
        // Stored and claimed by the process that then died, before its turn was stored. Its claim
        // would hold for minutes; the platform's redelivery must not be acknowledged unanswered.
        first.getBean(Inbox.class).store("test:6", "test:600", MessageCodec.inbound(text("600", "как оплатить заказ")),
                "engine-that-crashed", Duration.ofMinutes(10));
        first.getBean(Store.class).flush();
        stop(first);

        var sender = new RecordingSender();
        var second = start(sender);
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("test:6#0"));
        assertThat(second.getBean(ConversationEngine.class).receive("test:6", text("600", "как оплатить заказ"))).isEmpty();
        assertThat(second.getBean(Inbox.class).isProcessed("test:6")).isTrue();
        assertThat(second.getBean(Delivery.class).deliverOnce()).isZero();
        assertThat(sender.ids()).containsExactly("test:6#0");
    }

    @Test
    void answersAnUpdateLeftByAnotherProcessOnceItsClaimRunsOut() throws Exception {
        var sender = new RecordingSender();
        var context = start(sender, "--supportbot.conversation.recovery-interval=200ms");
        var engine = context.getBean(ConversationEngine.class);
        // Another instance on the same store stored and claimed it, then died.
        context.getBean(Inbox.class).store("test:7", "test:700", MessageCodec.inbound(text("700", "где мой заказ")),
                "engine-elsewhere", Duration.ofSeconds(2));
        // The platform delivers it again here while the claim holds: not answered twice, not dropped.
        assertThat(engine.receive("test:7", text("700", "где мой заказ"))).isEmpty();
        assertThat(context.getBean(Inbox.class).isProcessed("test:7")).isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> sender.ids().contains("test:7#0"));
        assertThat(context.getBean(Inbox.class).isProcessed("test:7")).isTrue();
        // More rounds of the recovery (run here, not waited for): nothing is taken up twice.
        var intake = context.getBean(TurnIntake.class);
        for (int round = 0; round < 3; round++) {
            assertThat(intake.takeStrandedTurns()).isZero();
        }
        assertThat(context.getBean(Delivery.class).deliverOnce()).isZero();
        assertThat(sender.ids()).containsExactly("test:7#0");
    }

    @Test
    void answersTheSameUpdateDeliveredTwiceOnce() throws Exception {
        var sender = new RecordingSender();
        var context = start(sender);
        var engine = context.getBean(ConversationEngine.class);
        assertThat(engine.receive("test:3", text("300", "способы оплаты"))).hasSize(1);
        assertThat(engine.receive("test:3", text("300", "способы оплаты"))).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !sender.ids().isEmpty());
        assertThat(context.getBean(Delivery.class).deliverOnce()).isZero();
        assertThat(sender.ids()).containsExactly("test:3#0");
    }

    @Test
    void answersEveryUpdateOnceAndInOrderPerChatUnderConcurrentDelivery() throws Exception {
        var sender = new RecordingSender();
        var context = start(sender);
        var engine = context.getBean(ConversationEngine.class);
        var questions = List.of("где мой заказ", "как вернуть товар", "способы оплаты", "сколько стоит доставка", "не приходит код при регистрации");
        int chats = 100;
        int perChat = 10;
        var pool = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<Future<Integer>>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            futures.add(pool.submit(() -> {
                int replies = 0;
                // Each chat is fed by one thread, so its order of delivery is defined; threads interleave chats.
                for (int i = 0; i < perChat; i++) {
                    for (int chat = t; chat < chats; chat += 8) {
                        replies += engine.receive("test:" + chat + ":" + i, text("c" + chat, questions.get((chat + i) % questions.size()))).size();
                    }
                }
                return replies;
            }));
        }
        int expected = 0;
        for (var future : futures) {
            expected += future.get();
        }
        pool.shutdown();
        assertThat(expected).isGreaterThanOrEqualTo(chats * perChat);
        int total = expected;
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.sent().size() >= total);

        var ids = sender.ids();
        assertThat(new HashSet<>(ids)).as("no reply sent twice").hasSize(ids.size());
        assertThat(ids).hasSize(total);
        var updatesAnswered = new HashSet<String>();
        var lastIndexPerChat = new HashMap<String, Integer>();
        for (var id : ids) {
            var update = id.substring(0, id.indexOf('#'));       // test:<chat>:<i>
            updatesAnswered.add(update);
            var parts = update.split(":");
            int index = Integer.parseInt(parts[2]);
            var previous = lastIndexPerChat.put(parts[1], index);
            assertThat(previous == null || previous <= index).as("replies of chat %s in order", parts[1]).isTrue();
        }
        assertThat(updatesAnswered).hasSize(chats * perChat);
    }
}
