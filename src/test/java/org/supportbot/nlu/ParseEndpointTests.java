package org.supportbot.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/nlu/parse} over real HTTP, with the model trained from the repository's own
 * {@code intents/}, and the actuator endpoints next to it.
 *
 * <p>The properties are the same as in {@code WebChatApiTests}, so both share one application context.
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
class ParseEndpointTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void returnsTheEntitiesOfTheTextWithTheirSpans() {
        var response = parse("Где мой заказ 48213? Телефон +7 916 123-45-67");

        assertThat(response.status()).isEqualTo(200);
        var entities = response.body().path("entities");
        assertThat(entities.size()).isEqualTo(2);
        assertThat(entities.get(0).path("type").asString()).isEqualTo("order_number");
        assertThat(entities.get(0).path("text").asString()).isEqualTo("48213");
        assertThat(entities.get(0).path("start").asInt()).isEqualTo(14);
        assertThat(entities.get(0).path("end").asInt()).isEqualTo(19);
        assertThat(entities.get(1).path("type").asString()).isEqualTo("phone");
        assertThat(response.body().path("intent").asString()).isEqualTo("order_status");
    }

    @Test
    void answersAClearRussianQuestionWithItsIntent() {
        var response = parse("Сколько стоит доставка в Казань?");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("intent").asString()).isEqualTo("delivery_info");
        assertThat(response.body().path("decision").asString()).isEqualTo("answer");
        assertThat(response.body().path("language").asString()).isEqualTo("ru");
        assertThat(response.body().path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertRankingFallsAndStartsWithTheIntent(response.body());
    }

    @Test
    void answersRussianTypedOnTheEnglishLayoutOrInLatinLettersAsRussian() {
        for (var text : List.of("crjkmrj cnjbn ljcnfdrf d rfpfym", "skolko stoit dostavka v kazan")) {
            var response = parse(text);

            assertThat(response.status()).as(text).isEqualTo(200);
            assertThat(response.body().path("intent").asString()).as(text).isEqualTo("delivery_info");
            assertThat(response.body().path("decision").asString()).as(text).isEqualTo("answer");
            assertThat(response.body().path("language").asString()).as(text).isEqualTo("ru");
        }
    }

    @Test
    void answersAClearEnglishQuestionWithItsIntent() {
        var response = parse("I forgot my password, how do I reset it?");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("intent").asString()).isEqualTo("password_reset");
        assertThat(response.body().path("decision").asString()).isEqualTo("answer");
        assertThat(response.body().path("language").asString()).isEqualTo("en");
        assertRankingFallsAndStartsWithTheIntent(response.body());
    }

    @Test
    void escalatesAQuestionOutsideTheBotsScope() {
        var response = parse("Здравствуйте, есть ли у вас вакансии? Хочу устроиться к вам на работу");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("decision").asString()).isEqualTo("escalate");
        assertThat(response.body().path("reason").asString()).isEqualTo("out_of_scope");
        assertRankingFallsAndStartsWithTheIntent(response.body());
    }

    @Test
    void escalatesARequestForALivePerson() {
        var response = parse("позовите живого оператора");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("intent").asString()).isEqualTo("human_operator");
        assertThat(response.body().path("decision").asString()).isEqualTo("escalate");
        assertThat(response.body().path("reason").asString()).isEqualTo("intent_needs_person");
        assertRankingFallsAndStartsWithTheIntent(response.body());
    }

    @Test
    void acceptsATextOfExactlyTheMaximumLength() {
        var text = "где мой заказ ".repeat(400).substring(0, ParseController.MAX_TEXT_LENGTH);

        var response = parse(text);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("decision").asString()).isIn("answer", "clarify", "escalate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void refusesAnEmptyText(String text) {
        var response = parse(text);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("'text' is required");
    }

    @Test
    void refusesATextLongerThan4096Characters() {
        var response = parse("а".repeat(ParseController.MAX_TEXT_LENGTH + 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("4097").contains("4096");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"text\": ", "{\"text\": \"unterminated}", "[]", "[\"где мой заказ\"]", "null", "",
            "{\"text\": {\"nested\": true}}", "{\"text\": [\"a\", \"b\"]}", "\"где мой заказ\""})
    void refusesABodyThatIsNotAParseRequestWithBadRequestNeverAServerError(String body) {
        var response = post("/api/nlu/parse", "application/json", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"text\": null}", "{\"question\": \"где мой заказ\"}"})
    void refusesARequestWithoutText(String body) {
        var response = post("/api/nlu/parse", "application/json", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").asString()).contains("'text' is required");
    }

    @Test
    void refusesABodyThatIsNotSentAsJson() {
        var response = post("/api/nlu/parse", "text/plain", "где мой заказ");

        assertThat(response.status()).isIn(400, 415);
    }

    /**
     * Regression (bench/reliability/fuzz.sh): a body labelled {@code multipart/form-data} without a
     * boundary failed while Spring parsed it as an upload, before any controller: 500 on every
     * POST endpoint. The bot takes no uploads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/nlu/parse", "/api/chat"})
    void refusesAMultipartBodyWithAClientErrorNeverAServerError(String path) {
        var response = post(path, "multipart/form-data", "{\"text\": \"где мой заказ\"}");

        assertThat(response.status()).isBetween(400, 499);
    }

    @Test
    void reportsHealthUp() {
        var response = get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.text()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsToAnAdminOnly() {
        assertThat(get("/actuator/prometheus").status()).as("anonymous").isEqualTo(401);
        assertThat(get("/actuator/info").status()).as("anonymous").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).header("Authorization", basic("admin", "wrong-password")).GET()).status())
                .isEqualTo(401);

        var response = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).header("Authorization", basic("admin", "admin-secret-parse")).GET());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("# TYPE").contains("jvm_memory_used_bytes");
    }

    @Test
    void keepsTheHealthProbesOpen() {
        assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void refusesABodyOver64KilobytesWith413() {
        var response = post("/api/nlu/parse", "application/json", "{\"text\": \"" + "а".repeat(40_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().path("error").asString()).contains("larger than 65536 bytes");
    }

    private static String basic(String login, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((login + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void assertRankingFallsAndStartsWithTheIntent(JsonNode body) {
        var ranking = body.path("ranking");
        assertThat(ranking.isArray()).as("ranking is an array: %s", body).isTrue();
        assertThat(ranking.size()).isGreaterThan(1);
        var confidences = new ArrayList<Double>();
        for (int i = 0; i < ranking.size(); i++) {
            var item = ranking.get(i);
            assertThat(item.path("intent").asString()).isNotBlank();
            assertThat(item.path("confidence").asDouble()).isBetween(0.0, 1.0);
            confidences.add(item.path("confidence").asDouble());
        }
        assertThat(confidences).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranking.get(0).path("intent").asString()).isEqualTo(body.path("intent").asString());
        assertThat(ranking.get(0).path("confidence").asDouble()).isEqualTo(body.path("confidence").asDouble());
    }

    private Response parse(String text) {
        return post("/api/nlu/parse", "application/json", JSON.writeValueAsString(Map.of("text", text)));
    }

    private Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType + "; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: its status and body text. */
    private record Response(int status, String text) {
        JsonNode body() {
            return JSON.readTree(text);
        }
    }
}
