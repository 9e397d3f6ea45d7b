package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.supportbot.FakeStoreApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order lookup in the web chat over real HTTP, verified by the last four digits, and a store
 * outage seen from both sides: the customer is handed over, the operator API shows what the bot learnt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.operators.admin-password=admin-secret-actions"})
class WebChatStoreActionTests {

    static final FakeStoreApi STORE = new FakeStoreApi();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("SUPPORTBOT_STORE_API_URL", STORE::url);
        registry.add("SUPPORTBOT_STORE_API_TOKEN", () -> FakeStoreApi.TOKEN);
    }

    @AfterAll
    static void stop() {
        STORE.close();
    }

    @LocalServerPort
    int port;

    @Test
    void looksUpAnOrderByTheLastFourDigitsOfItsPhone() throws Exception {
        STORE.order("31337", "shipped", "+7 (926) 111-22-33");
        var session = session();

        var asked = chat(session, "Где мой заказ 31337?");
        var answer = chat(session, "последние цифры 2233");

        assertThat(asked.path("replies").get(0).path("text").asString()).contains("последние 4 цифры");
        assertThat(asked.path("replies").get(0).path("buttons").size()).as("no contact button outside Telegram").isZero();
        var text = answer.path("replies").get(0).path("text").asString();
        assertThat(text).contains("Заказ №31337: передан в доставку.", "Трек-номер: TRK-31337").doesNotContain("926", "Тверская");
        assertThat(answer.path("status").asString()).isEqualTo("with_bot");
    }

    @Test
    void handsOverWhenTheStoreIsDownAndTellsTheOperatorWhatTheBotLearnt() throws Exception {
        STORE.misbehave("40404", FakeStoreApi.Trouble.SERVER_ERROR);
        var session = session();
        chat(session, "где мой заказ 40404");

        var reply = chat(session, "1234");

        assertThat(reply.path("replies").get(0).path("text").asString()).contains("не могу сейчас связаться с системой заказов");
        assertThat(reply.path("status").asString()).isEqualTo("waiting_for_operator");
        var queue = operator("/api/operator/queue");
        long number = -1;
        for (var ticket : queue) {
            if (ticket.path("context").path("order").asString("").equals("40404")) {
                number = ticket.path("number").asLong();
            }
        }
        assertThat(number).isPositive();
        var ticket = operator("/api/operator/tickets/" + number);
        assertThat(ticket.path("context").path("order").asString()).isEqualTo("40404");
        assertThat(ticket.path("context").path("verified").asString()).isEqualTo("no");
        assertThat(ticket.path("context").path("store").asString()).isEqualTo("unavailable");
    }

    private String session() throws Exception {
        return post("/api/chat/session", "").path("session").asString();
    }

    private JsonNode chat(String session, String text) throws Exception {
        return post("/api/chat", JSON.writeValueAsString(Map.of("session", session, "text", text)));
    }

    private JsonNode post(String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode operator(String path) throws Exception {
        var auth = Base64.getEncoder().encodeToString("admin:admin-secret-actions".getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + auth).GET().build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
