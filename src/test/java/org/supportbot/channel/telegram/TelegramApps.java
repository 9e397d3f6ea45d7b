package org.supportbot.channel.telegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;

/**
 * The whole application polling a fake Bot API, with a forum group of operators, as the Telegram
 * operator tests start it: each start gets its own data folder under {@code target/test-data}.
 */
final class TelegramApps {

    private TelegramApps() {
    }

    /**
     * Starts the application; {@code extra} arguments come last (a web server among them needs {@code web}).
     *
     * @param dataPrefix the start of the data folder's name
     */
    static ConfigurableApplicationContext withOperatorGroup(FakeBotApi telegram, String token, long group, long operator,
            String dataPrefix, boolean web, String... extra) throws IOException {
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), dataPrefix);
        var arguments = new ArrayList<>(List.of("--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                "--supportbot.telegram.token=" + token, "--supportbot.telegram.api-url=" + telegram.url(),
                "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s",
                "--supportbot.telegram.lease=10s", "--supportbot.telegram.operator-chat-id=" + group,
                "--supportbot.operators.telegram-ids=" + operator));
        arguments.addAll(List.of(extra));
        var builder = new SpringApplicationBuilder(SupportBotApplication.class);
        if (!web) {
            builder.web(WebApplicationType.NONE);
        }
        return builder.run(arguments.toArray(String[]::new));
    }
}
