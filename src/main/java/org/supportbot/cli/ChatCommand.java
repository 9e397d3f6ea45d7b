package org.supportbot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;

/**
 * {@code chat}: a conversation with the bot in the terminal. Buttons are numbered; typing a
 * number presses one.
 */
final class ChatCommand {

    private ChatCommand() {
    }

    static int run(Class<?> application) {
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (var context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties("supportbot.content.hot-reload=false", "logging.level.root=WARN", "logging.level.org.supportbot=WARN")
                .run()) {
            var engine = context.getBean(ConversationEngine.class);
            var name = System.getProperty("user.name", "");
            var id = new ConversationId("cli", name.isBlank() ? "terminal" : name);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            out.println("Talking to Support Bot. Type a question; a number presses a button; /quit or Ctrl+D ends.");
            List<OutboundMessage.Button> buttons = show(out, engine.handle(new InboundMessage(id, null, new InboundMessage.Text("/start"))));
            while (true) {
                out.print("> ");
                out.flush();
                var line = in.readLine();
                if (line == null || line.strip().equals("/quit")) {
                    out.println();
                    return 0;
                }
                var trimmed = line.strip();
                InboundMessage.Body body = new InboundMessage.Text(line);
                if (trimmed.matches("\\d{1,2}")) {
                    int choice = Integer.parseInt(trimmed);
                    if (choice >= 1 && choice <= buttons.size()) {
                        body = new InboundMessage.ButtonPress(buttons.get(choice - 1).payload());
                    }
                }
                buttons = show(out, engine.handle(new InboundMessage(id, null, body)));
            }
        } catch (java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static List<OutboundMessage.Button> show(PrintStream out, List<OutboundMessage> replies) {
        List<OutboundMessage.Button> buttons = List.of();
        for (var reply : replies) {
            out.println("bot: " + reply.text().replace("\n", "\n     "));
            buttons = reply.buttons();
            for (int i = 0; i < buttons.size(); i++) {
                out.println("     [" + (i + 1) + "] " + buttons.get(i).label());
            }
        }
        return buttons;
    }
}
