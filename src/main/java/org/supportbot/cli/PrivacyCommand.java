package org.supportbot.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.TreeMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.supportbot.privacy.CustomerData;
import org.supportbot.privacy.Erasure;
import org.supportbot.store.Store;
import org.supportbot.store.StoreUnavailableException;

/**
 * {@code erase <conversation>} and {@code export <conversation>}: a customer's rights, against the
 * configured store ({@code MONGODB_URI}, or the embedded file of a stopped bot). The subject is a
 * conversation ({@code telegram:4242}), or a verified phone or e-mail. An erase on the embedded
 * store returns after the file has been rewritten: the erased text is gone from its bytes.
 */
final class PrivacyCommand {

    private final PrintStream out;
    /** Settings over the configuration's, {@code --name=value}: tests name their own store. */
    private final String[] properties;

    PrivacyCommand(PrintStream out, String... properties) {
        this.out = out;
        this.properties = properties.clone();
    }

    int erase(String[] args) {
        var subject = subject(args, "erase");
        Erasure erasure;
        try (var context = local()) {
            erasure = context.getBean(CustomerData.class).erase(subject, who());
        } // closing the embedded store rewrites its file
        if (!erasure.found()) {
            out.println("Nothing is stored about " + subject + ".");
            return 0;
        }
        out.println("Erased " + String.join(", ", erasure.conversations()) + ":");
        new TreeMap<>(erasure.removed()).forEach((collection, n) -> out.printf("  %-20s %,d removed%n", collection, n));
        new TreeMap<>(erasure.anonymised()).forEach((collection, n) -> out.printf("  %-20s %,d anonymised (kept for report totals, nothing personal left)%n", collection, n));
        return 0;
    }

    int export(String[] args) {
        var subject = subject(args, "export");
        try (var context = local()) {
            out.println(context.getBean(CustomerData.class).export(subject, who()));
        }
        return 0;
    }

    private static String subject(String[] args, String command) {
        if (args.length != 1 || args[0].isBlank()) {
            throw new CommandLine.UsageException(command + " needs one conversation (e.g. telegram:4242), phone or e-mail");
        }
        CustomerData.check(args[0]); // before the store is opened
        return args[0];
    }

    private static String who() {
        return "cli:" + System.getProperty("user.name", "admin");
    }

    /** The store and this module only: no channels, no web server, nothing else touching the data. */
    private ConfigurableApplicationContext local() {
        try {
            return new SpringApplicationBuilder(LocalContext.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                    .properties("logging.level.root=OFF", "logging.level.org.supportbot=WARN")
                    .run(properties);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreUnavailableException unavailable) {
                    var hint = unavailable.getMessage() != null && unavailable.getMessage().contains("in use")
                            ? " While the bot runs, an admin erases through it: curl -u admin -X DELETE http://localhost:8080/api/operator/customers/<conversation>"
                            : "";
                    throw new IllegalStateException(unavailable.getMessage() + hint, unavailable);
                }
            }
            throw e;
        }
    }

    /** Not a {@code @Configuration}: the server's component scan must not pick it up; given to Spring as a source only. */
    @ComponentScan(basePackageClasses = {Store.class, CustomerData.class})
    static class LocalContext {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
