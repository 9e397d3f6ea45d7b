package org.supportbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.supportbot.cli.CommandLine;

/**
 * Support Bot. Without arguments it runs the server; with {@code validate}, {@code evaluate} or
 * {@code chat} it runs that editor command and exits with its status.
 */
@SpringBootApplication
public class SupportBotApplication {

    public static void main(String[] args) {
        if (CommandLine.handles(args)) {
            System.exit(CommandLine.run(args, SupportBotApplication.class));
        }
        SpringApplication.run(SupportBotApplication.class, args);
    }
}
