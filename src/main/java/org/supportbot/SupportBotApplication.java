package org.supportbot;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.supportbot.cli.CommandLine;

/**
 * Support Bot. Without arguments it runs the server; with {@code validate}, {@code evaluate} or
 * {@code chat} it runs that editor command and exits with its status.
 */
@SpringBootApplication
public class SupportBotApplication {

    /** The time source of every module; tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        if (CommandLine.handles(args)) {
            System.exit(CommandLine.run(args, SupportBotApplication.class));
        }
        SpringApplication.run(SupportBotApplication.class, args);
    }
}
