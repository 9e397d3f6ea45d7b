package org.supportbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hot reload of a running server: editors change files under a copy of the repository's content
 * and the bot picks the change up without a restart, or keeps serving when the change is broken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.data.dir=target/test-data/hot-reload",
        "supportbot.content.hot-reload=true",
        "supportbot.content.reload-quiet-period=100ms"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class HotReloadTests {

    /** A fresh copy per run, so that the repository's own content is never touched. */
    private static final Path CONTENT = Path.of("target", "test-content", "hot-reload-" + UUID.randomUUID()).toAbsolutePath();
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String GIFT_WRAPPING_INTENT = """
            # Gift wrapping of an order: whether it exists, its price, how to choose it.
            intent: gift_wrapping
            title:
              ru: Подарочная упаковка
              en: Gift wrapping
            queue: general
            examples:
              ru:
                - упакуйте заказ как подарок
                - нужна подарочная упаковка для заказа
                - можно завернуть покупку в подарочную бумагу
                - сколько стоит подарочная упаковка
                - хочу оформить заказ в праздничной упаковке
                - есть ли упаковка в подарок
                - заверните пожалуйста товар как подарок
                - добавьте подарочную коробку к заказу
                - можно ли красиво упаковать подарок
                - подарочная упаковка платная?
                - упакуете в крафтовую бумагу с лентой?
                - где выбрать подарочную упаковку при оформлении
                - хочу подарить, упакуйте красиво
                - делаете упаковку подарков к новому году
                - как добавить подарочную обертку
              en:
                - can you wrap my order as a gift
                - do you offer gift wrapping
                - how much does gift wrapping cost
                - please wrap the item in gift paper
                - add a gift box to my order
                - is gift wrap free
                - where do i choose gift wrapping at checkout
                - i want my present nicely wrapped
            """;

    private static final String GIFT_WRAPPING_RU = "Подарочную упаковку можно добавить при оформлении заказа — 150 ₽ за заказ. Открытку вложим бесплатно.";
    private static final String GIFT_WRAPPING_EN = "Gift wrapping can be added at checkout for 150 ₽ per order. We add a greeting card for free.";

    private static final String GIFT_WRAPPING_ANSWER = """
            ---
            intent: gift_wrapping
            buttons: [order_how_to, delivery_info]
            ---
            ## ru

            {name}, упакуем заказ в подарок: выберите «Подарочная упаковка» при оформлении, это 150 ₽.

            ---

            %s

            ## en

            {name}, we can gift-wrap your order: pick "Gift wrapping" at checkout, it costs 150 ₽.

            ---

            %s
            """.formatted(GIFT_WRAPPING_RU, GIFT_WRAPPING_EN);

    /** Line 8 is indented with a TAB, which YAML forbids. */
    private static final String BROKEN_INTENT = """
            intent: zz_broken
            title:
              ru: Сломанный
              en: Broken
            examples:
              ru:
                - первый пример
            \t- второй пример
              en:
                - first example
            """;
    private static final String BROKEN_FILE = "zz_broken.yaml";

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeBase knowledge;

    @BeforeAll
    static void copyTheRepositoryContent() throws IOException {
        for (var folder : new String[] {"intents", "knowledge-base", "messages"}) {
            var target = Files.createDirectories(CONTENT.resolve(folder));
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (var file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
        }
    }

    @DynamicPropertySource
    static void contentFolder(DynamicPropertyRegistry registry) {
        registry.add("supportbot.content.dir", CONTENT::toString);
    }

    @Test
    void answersANewIntentWithoutRestart() throws IOException {
        var question = "сколько стоит упаковать заказ в подарочную бумагу?";
        assertThat(parse(question).path("intent").asString()).isNotEqualTo("gift_wrapping");

        write("knowledge-base/gift_wrapping.md", GIFT_WRAPPING_ANSWER);
        write("intents/gift_wrapping.yaml", GIFT_WRAPPING_INTENT);
        assertThat(KnowledgeBase.load(CONTENT).errors()).as("the new content is valid").isEmpty();

        await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var parse = parse(question);
            assertThat(parse.path("intent").asString()).as("%s", parse).isEqualTo("gift_wrapping");
            assertThat(parse.path("decision").asString()).as("%s", parse).isEqualTo("answer");
        });
        var englishQuestion = "how much do you charge for gift wrapping my order?";
        var english = parse(englishQuestion);
        assertThat(english.path("intent").asString()).as("%s", english).isEqualTo("gift_wrapping");
        assertThat(english.path("decision").asString()).as("%s", english).isEqualTo("answer");

        var session = post("/api/chat/session", Map.of()).path("session").asString();
        var reply = post("/api/chat", Map.of("session", session, "text", question)).path("replies").get(0);
        assertThat(reply.path("text").asString()).isEqualTo(GIFT_WRAPPING_RU);
        assertThat(reply.path("buttons").get(0).path("payload").asString()).isEqualTo("intent:order_how_to");
        var englishReply = post("/api/chat", Map.of("session", session, "text", englishQuestion)).path("replies").get(0);
        assertThat(englishReply.path("text").asString()).isEqualTo(GIFT_WRAPPING_EN);
    }

    @Test
    void keepsTheServingContentWhenAFileIsBroken(CapturedOutput output) throws IOException {
        var servingIntents = knowledge.content().intents().keySet();
        try {
            write("intents/" + BROKEN_FILE, BROKEN_INTENT);

            await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(output.getOut()).contains("Content not reloaded").contains("intents/" + BROKEN_FILE + ":"));
            assertThat(knowledge.content().intents().keySet()).isEqualTo(servingIntents);
            var parse = parse("где мой заказ? уже неделю жду");
            assertThat(parse.path("intent").asString()).as("%s", parse).isEqualTo("order_status");
            assertThat(parse.path("decision").asString()).as("%s", parse).isEqualTo("answer");
            assertThat(KnowledgeBase.load(CONTENT).errors()).map(ContentProblem::toString)
                    .anySatisfy(error -> assertThat(error).startsWith("intents/" + BROKEN_FILE + ":8: YAML syntax error"));
        } finally {
            Files.deleteIfExists(CONTENT.resolve("intents").resolve(BROKEN_FILE));
        }
        assertThat(KnowledgeBase.load(CONTENT).errors()).isEmpty();
    }

    @Test
    void speaksAnEditedMessageWithoutRestart() throws IOException {
        var original = Files.readString(CONTENT.resolve("messages/bot.yaml"));
        var edited = original.replace("\"That message looks empty. What can I help you with?\"", "\"Nothing arrived. What do you need?\"")
                .replace("\"Кажется, сообщение пришло пустым. Напишите, чем помочь?\"", "\"Пришло пустое сообщение. Чем помочь?\"");
        assertThat(edited).isNotEqualTo(original);
        try {
            write("messages/bot.yaml", edited);
            await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(knowledge.message(MessageKey.EMPTY, Language.EN, null, new java.util.Random(1), Map.of()))
                            .isEqualTo("Nothing arrived. What do you need?"));
            // The customer hears the edited words: the conversation speaks the serving bundle.
            var session = post("/api/chat/session", Map.of()).path("session").asString();
            var reply = post("/api/chat", Map.of("session", session, "text", "   ")).path("replies").get(0);
            assertThat(reply.path("text").asString()).isEqualTo("Пришло пустое сообщение. Чем помочь?");
        } finally {
            write("messages/bot.yaml", original);
        }
        await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(knowledge.message(MessageKey.EMPTY, Language.EN, null, new java.util.Random(1), Map.of()))
                        .isEqualTo("That message looks empty. What can I help you with?"));
    }

    @Test
    void readsAnEditedSynonymWithoutRestart() throws IOException {
        var slang = "хрюндель";
        assertThat(parse(slang).path("intent").asString()).isNotEqualTo("password_reset");
        try {
            write("synonyms.yaml", "акк: аккаунт\n" + slang + ": забыл пароль не могу войти\n");

            await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                var parse = parse(slang);
                assertThat(parse.path("intent").asString()).as("%s", parse).isEqualTo("password_reset");
            });
        } finally {
            Files.deleteIfExists(CONTENT.resolve("synonyms.yaml"));
        }
        await().atMost(RELOAD_TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(parse(slang).path("intent").asString()).isNotEqualTo("password_reset"));
    }

    /** Writes a content file the way editors' tools do: a whole new file moved into place. */
    private static void write(String relative, String text) throws IOException {
        var temp = Files.createTempFile(CONTENT, "edit", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, CONTENT.resolve(relative), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode parse(String text) {
        return post("/api/nlu/parse", Map.of("text", text));
    }

    private JsonNode post(String path, Map<String, String> body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", path, body, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
