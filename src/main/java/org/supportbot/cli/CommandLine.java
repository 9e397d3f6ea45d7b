package org.supportbot.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Runs an editor command and returns its exit status: 0 success, 1 the check failed (content
 * errors, a quality gate), 2 wrong usage.
 */
public final class CommandLine {

    private static final Set<String> COMMANDS = Set.of("validate", "evaluate", "suggest", "chat", "benchmark", "hash-password", "store", "erase", "export",
            "help", "--help");

    private CommandLine() {
    }

    /** Whether these program arguments name a command rather than starting the server. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Runs the command named by {@code args[0]}.
     *
     * @param application the Spring Boot application class, for commands that need the whole bot ({@code chat})
     */
    public static int run(String[] args, Class<?> application) {
        quietLogging();
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        return run(args, out, err, contentDir(), application);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path contentDir) {
        return run(args, out, err, contentDir, Object.class);
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path contentDir, Class<?> application) {
        var rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "validate" -> new ValidateCommand(contentDir, out).run();
                case "evaluate" -> new EvaluateCommand(contentDir, out, err).run(rest);
                case "suggest" -> new SuggestCommand(out, System::getenv, application).run(rest);
                case "chat" -> ChatCommand.run(application);
                case "benchmark" -> new BenchmarkCommand(out).run(rest, application);
                case "hash-password" -> hashPassword(out, err);
                case "store" -> new StoreCommand(out).run(rest);
                case "erase" -> new PrivacyCommand(out).erase(rest);
                case "export" -> new PrivacyCommand(out).export(rest);
                default -> {
                    out.println(USAGE);
                    yield 0;
                }
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
    }

    /**
     * Reads a password (hidden on a terminal, else the first line of stdin) and prints its bcrypt
     * hash for {@code supportbot.operators.accounts.<login>.password}: the password itself never
     * goes into configuration.
     */
    static int hashPassword(PrintStream out, PrintStream err) throws java.io.IOException {
        String password;
        var console = System.console();
        if (console != null) {
            var typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            var line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? "" : line;
        }
        if (password.length() < 8) {
            err.println("error: use at least 8 characters");
            return 2;
        }
        out.println("{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(password));
        return 0;
    }

    /** Commands print their own results on stdout; library chatter must not mix in. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static Path contentDir() {
        var dir = System.getenv("SUPPORTBOT_CONTENT_DIR");
        return Path.of(dir == null || dir.isBlank() ? "." : dir);
    }

    static final String USAGE = """
            usage: java -jar support-bot.jar [COMMAND]
              (no command)   run the server
              validate       check intents/, knowledge-base/, actions/ and synonyms.yaml; problems as file:line: message; exit 1 on errors
              evaluate [--data FILE.tsv] [--train FILE.tsv [--validation FILE.tsv]] [--folds K] [--algorithm NAME] [--json] [--report FILE.html]
                             score the bot on intent<TAB>text lines (intent 'oos' = must not be answered);
                             --algorithm: liblinear (default), maxent_qn, maxent, naivebayes, perceptron,
                             or an ensemble: liblinear+naivebayes, liblinear+maxent;
                             without --data: K-fold cross-validation over intents/ (K = 5);
                             --validation: answer threshold chosen there, no "did you mean" (benchmark scoring)
              evaluate --gate [--baseline FILE] [--tolerance X] [--update-baseline]
                             the quality gate: exit 1 when cross-validation accuracy falls or wrong answers rise
                             beyond the tolerance compared with eval/baseline.json
              suggest ...    the editors' suggestions from questions the bot missed (suggest help)
              chat           talk to the bot in the terminal
              hash-password  read a password from the terminal (or stdin) and print its hash for operator accounts
              benchmark [--messages N] [--chats N] [--threads N] [--conversations N]
                             messages/s and latency through the conversation engine on the embedded store
              store [--port N] [--data DIR] [--commit-ms N]
                             serve the embedded store to other processes on 127.0.0.1:N (27018; data: SUPPORTBOT_DATA_DIR
                             or ./data; writes reach the file every N ms, 10): bots use MONGODB_URI=mongodb://127.0.0.1:N/supportbot
              erase CUSTOMER erase everything kept about a customer (telegram:4242, vk:2000000001, web:…, or a verified
                             phone or e-mail) from MONGODB_URI or the embedded store of a stopped bot; prints what went
              export CUSTOMER print everything kept about a customer as JSON (the right of access)
            The content folder is SUPPORTBOT_CONTENT_DIR, or the working directory.""";

    /** Wrong arguments; the message says which. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
