package org.supportbot.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.supportbot.store.StoreServer;

/**
 * {@code store [--port N] [--data DIR] [--commit-ms N]}: runs the embedded store as a process of
 * its own, for bots started with {@code MONGODB_URI=mongodb://127.0.0.1:N/supportbot} — two bots
 * on one store, or a store restarted under a running bot (bench/reliability). Runs until stopped
 * (Ctrl-C or SIGTERM: everything written is kept).
 */
final class StoreCommand {

    static final int DEFAULT_PORT = 27018;

    private final PrintStream out;

    StoreCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws InterruptedException {
        int port = DEFAULT_PORT;
        var data = Path.of(System.getenv().getOrDefault("SUPPORTBOT_DATA_DIR", "./data"));
        long commitMillis = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = number(args, ++i, "--port");
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--commit-ms" -> commitMillis = number(args, ++i, "--commit-ms");
                default -> throw new CommandLine.UsageException("unknown option '" + args[i] + "'");
            }
        }
        var server = StoreServer.start(data, "127.0.0.1", port, Duration.ofMillis(commitMillis));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "store-stop"));
        out.println("Store " + server.file() + " serving at " + server.connectionString()
                + " (MONGODB_URI=" + server.connectionString() + "/supportbot); commits every " + commitMillis + " ms");
        stopped.await();
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new CommandLine.UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option) {
        var text = value(args, i, option);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.UsageException(option + " must be a number, got '" + text + "'");
        }
    }
}
