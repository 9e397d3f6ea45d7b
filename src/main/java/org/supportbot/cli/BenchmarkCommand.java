package org.supportbot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.MessageSender;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.store.Store;

/**
 * {@code benchmark}: messages per second through the conversation engine with persistence on the
 * embedded store (inbox, transcript, conversation state, outbox, delivery to a sender that only
 * counts), latency per message, heap used by the stored conversations, and what the store alone
 * sustains for the same documents ({@link StoreCeiling}).
 */
final class BenchmarkCommand {

    private static final List<String> QUESTIONS = List.of(
            "где мой заказ", "как вернуть товар", "какие способы оплаты есть", "сколько стоит доставка",
            "не приходит код при регистрации", "забыл пароль", "корзина пустая стала", "how do I cancel my order",
            "промокод не работает", "хочу поговорить с оператором");

    private final PrintStream out;

    BenchmarkCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args, Class<?> application) throws Exception {
        int messages = 20_000;
        int chats = 1_000;
        int threads = 8;
        int conversations = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = positive(args, ++i);
                case "--chats" -> chats = positive(args, ++i);
                case "--threads" -> threads = positive(args, ++i);
                case "--conversations" -> conversations = positive(args, ++i);
                default -> throw new CommandLine.UsageException("unknown option '" + args[i] + "'");
            }
        }
        var dataDir = Files.createTempDirectory("supportbot-bench-");
        var delivered = new AtomicLong();
        MessageSender counting = new MessageSender() {
            @Override
            public String channel() {
                return "bench";
            }

            @Override
            public void send(String deliveryId, OutboundMessage message) {
                delivered.incrementAndGet();
            }
        };
        long stored = 0;
        long stopping = System.nanoTime();
        try {
            try (var context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("benchmarkSender", counting))
                    .run("--supportbot.data.dir=" + dataDir, "--supportbot.content.hot-reload=false",
                            "--supportbot.nlu.model-cache=" + Path.of(System.getProperty("java.io.tmpdir"), "supportbot-bench-models"),
                            "--logging.level.root=WARN")) {
                var engine = context.getBean(ConversationEngine.class);
                out.printf(Locale.ROOT, "Engine benchmark: %d messages from %d chats on %d threads, embedded store in %s%n", messages, chats, threads, dataDir);
                // Warm-up: JIT, caches, indexes.
                var warm = drive(engine, Math.min(2_000, messages), chats, threads, "warm");
                long warmStart = System.nanoTime();
                while (delivered.get() < warm.replies() && System.nanoTime() - warmStart < 60_000_000_000L) {
                    Thread.sleep(20); // let the warm-up's replies go out, so they are not counted below
                }
                long deliveredBefore = delivered.get();
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                var result = drive(engine, messages, chats, threads, "run");
                double cpuMillisPerMessage = (os.getProcessCpuTime() - cpuBefore) / 1e6 / messages;
                out.printf(Locale.ROOT, "  throughput      %,.0f messages/s (stored, understood, answered, reply in the outbox)%n", result.perSecond());
                out.printf(Locale.ROOT, "  latency         p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", result.p50(), result.p99(), result.max());
                out.printf(Locale.ROOT, "  cpu             %.2f ms per message, the whole process (%d cores here)%n", cpuMillisPerMessage,
                        Runtime.getRuntime().availableProcessors());
                long waitStart = System.nanoTime();
                while (delivered.get() - deliveredBefore < result.replies() && System.nanoTime() - waitStart < 120_000_000_000L) {
                    Thread.sleep(50);
                }
                double deliverySeconds = (System.nanoTime() - result.startNanos()) / 1e9;
                out.printf(Locale.ROOT, "  delivered       %,d of %,d replies through the outbox, %,.0f replies/s end to end%n",
                        delivered.get() - deliveredBefore, result.replies(), (delivered.get() - deliveredBefore) / deliverySeconds);

                // The same documents without the engine: how much of the rate above is the store's.
                var ceiling = new StoreCeiling(context.getBean(Store.class));
                ceiling.measure(64, 2_000, "ceiling-warm");
                for (int batch : List.of(1, 8, 64)) {
                    var rate = ceiling.measure(batch, batch == 1 ? 2_000 : 10_000, "ceiling" + batch);
                    out.printf(Locale.ROOT, "  store alone     %,.0f messages/s writing their documents %d messages per command (%,.0f commands/s, one thread; %.2f ms of CPU per message)%n",
                            rate.messagesPerSecond(), batch, rate.commandsPerSecond(), rate.cpuMillisPerMessage());
                }

                var memory = ManagementFactory.getMemoryMXBean();
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                long started = System.nanoTime();
                drive(engine, conversations, conversations, threads, "conv");
                double seconds = (System.nanoTime() - started) / 1e9;
                System.gc();
                long heapAfter = memory.getHeapMemoryUsage().getUsed();
                out.printf(Locale.ROOT, "  memory          %,d more conversations stored: heap %,d MiB → %,d MiB (%+.0f bytes per conversation)%n",
                        conversations, heapBefore >> 20, heapAfter >> 20, (double) (heapAfter - heapBefore) / conversations);
                // One message each; one question in ten asks for a person and nobody takes the ticket, so the queue keeps growing.
                out.printf(Locale.ROOT, "  new chats       %,.0f conversations/s started (%.0f s), the operators' queue growing all along%n",
                        conversations / seconds, seconds);
                stored = context.getBean(Store.class).database().getCollection("messages").countDocuments();
                long open = size(dataDir);
                out.printf(Locale.ROOT, "  store file      %,.1f MiB while running, %,.0f bytes per stored message (%,d messages)%n",
                        open / 1048576.0, (double) open / Math.max(1, stored), stored);
                stopping = System.nanoTime();
            }
            long closed = size(dataDir);
            out.printf(Locale.ROOT, "  store file      %,.1f MiB after a clean stop (rewritten to its live data), %,.0f bytes per stored message; the stop took %.1f s%n",
                    closed / 1048576.0, (double) closed / Math.max(1, stored), (System.nanoTime() - stopping) / 1e9);
        } finally {
            deleteQuietly(dataDir);
        }
        return 0;
    }

    record Result(double perSecond, double p50, double p99, double max, long replies, long startNanos) {
    }

    private static Result drive(ConversationEngine engine, int messages, int chats, int threads, String prefix) throws InterruptedException {
        var latencies = new long[messages];
        var replies = new AtomicLong();
        var done = new CountDownLatch(threads);
        var pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.execute(() -> {
                try {
                    // Message i goes to chat i % chats; a chat always belongs to one thread, so its order is kept.
                    for (int i = thread; i < messages; i += threads) {
                        int chat = (i / threads) % Math.max(1, chats / threads) * threads + thread;
                        var message = new InboundMessage(new ConversationId("bench", prefix + chat), "Bench",
                                new InboundMessage.Text(QUESTIONS.get(i % QUESTIONS.size())));
                        long begin = System.nanoTime();
                        replies.addAndGet(engine.receive("bench:" + prefix + ":" + i, message).size());
                        latencies[i] = System.nanoTime() - begin;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(messages / (elapsed / 1e9), latencies[(int) (messages * 0.50)] / 1e6,
                latencies[Math.min(messages - 1, (int) (messages * 0.99))] / 1e6, latencies[messages - 1] / 1e6, replies.get(), start);
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length) {
            throw new CommandLine.UsageException(args[i - 1] + " needs a number");
        }
        try {
            int value = Integer.parseInt(args[i]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CommandLine.UsageException(args[i - 1] + " needs a positive whole number, got '" + args[i] + "'");
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp folder
        }
    }
}
