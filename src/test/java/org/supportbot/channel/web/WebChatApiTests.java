package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.supportbot.knowledge.KnowledgeBase;
import org.supportbot.knowledge.Language;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/chat} over real HTTP, answering from the repository's own content.
 *
 * <p>The properties are the same as in {@code ParseEndpointTests}, so both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/parse",
        "supportbot.content.hot-reload=false",
        "supportbot.operators.admin-password=admin-secret-parse",
        // These tests send far more than one customer would, all from one address.
        "supportbot.limits.new-sessions-per-minute=1000",
        "supportbot.limits.messages-per-minute=1000",
        "supportbot.limits.parse-per-minute=1000"})
class WebChatApiTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeBase knowledge;
    @Autowired
    WebSessions sessions;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Test
    void greetsOnStartAndOffersPopularTopicsAsIntentButtons() {
        var response = chat(newSession(), null, "/start", null);

        assertThat(response.status()).isEqualTo(200);
        var replies = response.body().path("replies");
        assertThat(replies.size()).isEqualTo(1);
        assertThat(replies.get(0).path("text").asString()).contains("Здравствуйте").doesNotContain("{name}");
        assertThat(buttons(replies.get(0)))
                .extracting(Button::label, Button::payload)
                .containsExactly(
                        tuple(knowledge.title("order_status", Language.RU), "intent:order_status"),
                        tuple(knowledge.title("delivery_info", Language.RU), "intent:delivery_info"),
                        tuple(knowledge.title("payment_methods", Language.RU), "intent:payment_methods"),
                        tuple(knowledge.title("return_refund", Language.RU), "intent:return_refund"),
                        tuple(knowledge.title("human_operator", Language.RU), "intent:human_operator"));
        assertThat(response.body().path("status").asString()).isEqualTo("with_bot");
    }

    @Test
    void answersAButtonPayloadWithThatIntentsAnswer() {
        var session = newSession();
        var start = chat(session, null, "/start", null);
        var delivery = buttons(start.body().path("replies").get(0)).stream()
                .filter(b -> b.payload().equals("intent:delivery_info")).findFirst().orElseThrow();

        var response = chat(session, null, null, delivery.payload());

        assertThat(response.status()).isEqualTo(200);
        var reply = response.body().path("replies").get(0);
        var answer = knowledge.content().answer("delivery_info").orElseThrow();
        var withoutName = answer.variations(Language.RU).stream().filter(v -> !v.contains("{name}")).toList();
        assertThat(reply.path("text").asString()).isIn(withoutName);
        assertThat(buttons(reply)).extracting(Button::payload)
                .containsExactlyElementsOf(answer.buttons().stream().map(intent -> "intent:" + intent).toList());
        assertThat(response.body().path("status").asString()).isEqualTo("with_bot");
    }

    @Test
    void answersAnEnglishQuestionInEnglish() {
        var response = chat(newSession(), null, "how much is shipping to Kazan?", null);

        assertThat(response.status()).isEqualTo(200);
        var text = response.body().path("replies").get(0).path("text").asString();
        var withoutName = knowledge.content().answer("delivery_info").orElseThrow().variations(Language.EN).stream()
                .filter(v -> !v.contains("{name}")).toList();
        assertThat(text).isIn(withoutName);
    }

    @Test
    void callsTheCustomerByFirstNameInRepliesThatUseIt() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            var session = newSession();
            for (var message : List.of("/start", "сколько стоит доставка", "какие способы оплаты есть")) {
                var response = chat(session, "  Анна Петрова ", message, null);
                assertThat(response.status()).isEqualTo(200);
                response.body().path("replies").forEach(reply -> texts.add(reply.path("text").asString()));
            }
        }

        // Each of these replies has a {name} wording among its variations, picked at random:
        // 60 replies without the name would happen by chance less than once in 10^9 runs.
        assertThat(texts).anySatisfy(text -> assertThat(text).contains("Анна"));
        assertThat(texts).noneSatisfy(text -> assertThat(text).containsAnyOf("{name}", "Петрова"));
    }

    @Test
    void handsAnOutOfScopeQuestionToAnOperator() {
        var session = newSession();
        assertThat(chat(session, null, "/start", null).body().path("status").asString()).isEqualTo("with_bot");

        var response = chat(session, null, "Здравствуйте, есть ли у вас вакансии? Хочу устроиться к вам на работу", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("status").asString()).isEqualTo("waiting_for_operator");
        assertThat(response.body().path("replies").get(0).path("text").asString()).containsIgnoringCase("оператор");
    }

    @Test
    void acceptsAMessageOfExactlyTheMaximumLength() {
        var text = "где мой заказ ".repeat(400).substring(0, 4096);

        var response = chat(newSession(), null, text, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("replies").size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "has spaces in it", "../../etc/passwd", "сессия-по-русски",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesABadSessionId(String session) {
        var response = chat(session, null, "где мой заказ", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("'session'");
    }

    @Test
    void issuesSessionTokensOfAtLeast128RandomBits() {
        var first = newSession();
        var second = newSession();

        // 32 bytes in URL-safe base64 without padding.
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(second).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
    }

    @Test
    void refusesASessionTheServerNeverIssuedWith401() {
        var madeUp = "web-" + UUID.randomUUID().toString().replace("-", "");

        var response = chat(madeUp, null, "где мой заказ", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).contains("/api/chat/session");
        assertThat(get("/api/chat/updates?session=" + madeUp).status()).isEqualTo(401);
    }

    @Test
    void operatorsSeeAnOpaqueHandleNeverTheSessionToken() throws Exception {
        var session = newSession();
        assertThat(chat(session, null, "позовите оператора", null).body().path("status").asString()).isEqualTo("waiting_for_operator");

        var queue = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/operator/queue"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin-secret-parse".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).doesNotContain(session);
        var handle = sessions.conversationOf(session).orElseThrow().toString();
        assertThat(handle).matches("web:[0-9a-f]{16}");
        assertThat(queue.body()).contains("\"" + handle + "\"");
    }

    @Test
    void refusesAnOverlongButtonOrNameWithABadRequest() {
        var button = chat(newSession(), null, null, "intent:" + "x".repeat(WebChatController.MAX_FIELD_LENGTH));
        var name = chat(newSession(), "Анна".repeat(65), "где мой заказ", null);

        assertThat(button.status()).isEqualTo(400);
        assertThat(button.body().path("error").asString()).contains("'button' is too long");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.body().path("error").asString()).contains("'name' is too long");
        assertThat(chat(newSession(), "Анна".repeat(64), "где мой заказ", null).status()).as("256 characters").isEqualTo(200);
    }

    @Test
    void refusesAMessageWithoutSession() {
        var response = post("{\"text\": \"где мой заказ\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("'session'");
    }

    @Test
    void refusesBothTextAndButton() {
        var response = chat(newSession(), null, "где мой заказ", "intent:order_status");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("either 'text' or 'button'");
    }

    @Test
    void refusesNeitherTextNorButton() {
        var response = chat(newSession(), "Анна", null, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("either 'text' or 'button'");
    }

    @Test
    void refusesAMessageLongerThan4096Characters() {
        var response = chat(newSession(), null, "а".repeat(4097), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"session\": ", "not json", "[]", "null", "", "{\"session\": \"abcdefgh12\", \"text\": [1]}"})
    void refusesABodyThatIsNotAChatRequest(String body) {
        var response = post(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).isNotBlank();
    }

    @Test
    void updatesAreEmptyForAConversationNobodyWroteToAndRefuseABadCursorOrSession() {
        var session = newSession();
        var started = chat(session, null, "/start", null);
        var cursor = started.body().path("cursor").asString();
        assertThat(cursor).isNotBlank();

        var updates = get("/api/chat/updates?session=" + session + "&since=" + cursor);
        assertThat(updates.status()).isEqualTo(200);
        assertThat(updates.body().path("notices").size()).isZero();
        assertThat(updates.body().path("cursor").asString()).as("nothing new: the cursor stays").isEqualTo(cursor);
        assertThat(updates.body().path("status").asString()).isEqualTo("with_bot");

        assertThat(get("/api/chat/updates?session=" + session + "&since=yesterday").status()).isEqualTo(400);
        assertThat(get("/api/chat/updates?session=bad&since=" + cursor).status()).isEqualTo(400);
        assertThat(get("/api/chat/updates").status()).isEqualTo(400);
    }

    @Test
    void updatesSayWhileAnOperatorIsTypingToThisCustomerOnly() {
        var session = newSession();
        var other = newSession();
        var cursor = chat(session, null, "/start", null).body().path("cursor").asString();
        chat(other, null, "/start", null);
        assertThat(get("/api/chat/updates?session=" + session + "&since=" + cursor).body().path("operatorTyping").asBoolean(true))
                .as("nobody types yet").isFalse();

        events.publishEvent(new org.supportbot.conversation.OperatorTyping(sessions.conversationOf(session).orElseThrow()));

        var updates = get("/api/chat/updates?session=" + session + "&since=" + cursor);
        assertThat(updates.status()).isEqualTo(200);
        assertThat(updates.body().path("operatorTyping").asBoolean(false)).isTrue();
        assertThat(get("/api/chat/updates?session=" + other).body().path("operatorTyping").asBoolean(true))
                .as("another customer's chat").isFalse();
    }

    private Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build());
    }

    /** A session the server issued, as the page gets one. */
    private String newSession() {
        var response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat/session"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.status()).isEqualTo(200);
        return response.body().path("session").asString();
    }

    private Response chat(String session, @Nullable String name, @Nullable String text, @Nullable String button) {
        var request = new LinkedHashMap<String, String>();
        request.put("session", session);
        if (name != null) {
            request.put("name", name);
        }
        if (text != null) {
            request.put("text", text);
        }
        if (button != null) {
            request.put("button", button);
        }
        return post(JSON.writeValueAsString(request));
    }

    private Response post(String body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    private static Response send(HttpRequest request) {
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Button> buttons(JsonNode reply) {
        var buttons = new ArrayList<Button>();
        reply.path("buttons").forEach(b -> buttons.add(new Button(b.path("label").asString(), b.path("payload").asString())));
        return buttons;
    }

    private record Button(String label, String payload) {
    }

    /** An HTTP answer: its status and body text. */
    private record Response(int status, String text) {
        JsonNode body() {
            return JSON.readTree(text);
        }
    }
}
