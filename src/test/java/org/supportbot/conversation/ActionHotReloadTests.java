package org.supportbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.supportbot.FakeStoreApi;

/**
 * Editors change an action file under a copy of the repository's content while the bot runs: the
 * next lookup speaks the new words; a broken file leaves the previous action serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "supportbot.content.hot-reload=true",
        "supportbot.content.reload-quiet-period=100ms"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ActionHotReloadTests {

    private static final Path CONTENT = Path.of("target", "test-content", "actions-reload-" + UUID.randomUUID()).toAbsolutePath();
    private static final FakeStoreApi STORE = new FakeStoreApi();

    @DynamicPropertySource
    static void content(DynamicPropertyRegistry registry) throws IOException {
        for (var folder : List.of("intents", "knowledge-base", "messages", "actions")) {
            var target = Files.createDirectories(CONTENT.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
        }
        registry.add("supportbot.content.dir", CONTENT::toString);
        registry.add("SUPPORTBOT_STORE_API_URL", STORE::url);
        registry.add("SUPPORTBOT_STORE_API_TOKEN", () -> FakeStoreApi.TOKEN);
    }

    @AfterAll
    static void stop() {
        STORE.close();
    }

    @Autowired
    ConversationEngine engine;

    private String lookUp(String number, String digits) {
        var id = new ConversationId("web", "reload-" + UUID.randomUUID());
        engine.handle(new InboundMessage(id, null, new InboundMessage.Text("где мой заказ " + number)));
        var replies = engine.handle(new InboundMessage(id, null, new InboundMessage.Text(digits)));
        return String.join("\n", replies.stream().map(OutboundMessage::text).toList());
    }

    @Test
    void speaksTheNewWordsOfAnEditedActionFileAndKeepsServingWhenItIsBroken(CapturedOutput output) throws IOException {
        STORE.order("24680", "shipped", "+7 900 123-24-68");
        var file = CONTENT.resolve("actions/order_status.yaml");
        assertThat(lookUp("24680", "2468")).contains("Заказ №24680: передан в доставку.");

        Files.writeString(file, Files.readString(file).replace("Заказ №{{number}}:", "Ваш заказ {{number}} сейчас:"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> lookUp("24680", "2468").contains("Ваш заказ 24680 сейчас: передан в доставку."));

        Files.writeString(file, "action: order_status\nintent: order_status\nlookup: [unclosed\n");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> output.getAll().contains("Action files not reloaded"));
        assertThat(output.getAll()).contains("actions/order_status.yaml:4: YAML syntax error");
        assertThat(lookUp("24680", "2468")).contains("Ваш заказ 24680 сейчас: передан в доставку.");
    }
}
