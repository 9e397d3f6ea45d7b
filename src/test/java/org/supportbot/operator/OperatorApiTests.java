package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.ConversationStatus;
import org.supportbot.conversation.InboundMessage;

/** The operator API over HTTP, as the web console and integrations use it. */
class OperatorApiTests extends OperatorHttpFixture {

    @Autowired
    ConversationEngine engine;

    private ConversationId customerAsksForAPerson(String text) {
        var id = new ConversationId("web", "api-test-" + System.nanoTime());
        engine.handle(new InboundMessage(id, "Лена", new InboundMessage.Text(text)));
        return id;
    }

    private long ticketOf(ConversationId id) throws Exception {
        var queue = json(anna("GET", "/api/operator/queue", null));
        for (var ticket : queue) {
            if (ticket.path("conversation").asString().equals(id.toString())) {
                return ticket.path("number").asLong();
            }
        }
        throw new AssertionError("no ticket for " + id + " in " + queue);
    }

    @Test
    void refusesCallsWithoutAValidOperatorLogin() throws Exception {
        assertThat(call("GET", "/api/operator/queue", null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/operator/queue", "anna", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/operator/queue", "nobody", "secret-anna", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/operator/me", "admin", "admin-secret", null).statusCode()).isEqualTo(200);
        var session = json(call("POST", "/api/chat/session", null, null, null)).path("session").asString();
        assertThat(call("POST", "/api/chat", null, null, "{\"session\":\"" + session + "\",\"text\":\"привет\"}").statusCode())
                .as("the customers' chat stays open").isEqualTo(200);
    }

    @Test
    void takesAnswersAndClosesATicketAndTheTranscriptShowsIt() throws Exception {
        var id = customerAsksForAPerson("/operator");
        long number = ticketOf(id);

        var claimed = anna("POST", "/api/operator/tickets/" + number + "/claim", null);
        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(json(claimed).path("operator").asString()).isEqualTo("anna");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WITH_OPERATOR);
        assertThat(call("POST", "/api/operator/tickets/" + number + "/claim", "admin", "admin-secret", null).statusCode())
                .as("taken by Anna").isEqualTo(409);

        var sent = anna("POST", "/api/operator/tickets/" + number + "/messages", "{\"text\":\"Здравствуйте, Лена! Чем помочь?\"}");
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/messages", "{\"text\":\"   \"}").statusCode()).isEqualTo(400);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/messages", "{\"text\":").statusCode()).isEqualTo(400);

        var ticket = json(anna("GET", "/api/operator/tickets/" + number, null));
        assertThat(ticket.path("customerName").asString()).isEqualTo("Лена");
        assertThat(ticket.path("sla").asString()).isEqualTo("met");
        var transcript = ticket.path("transcript");
        assertThat(transcript.valueStream().map(e -> e.path("author").asString() + ": " + e.path("text").asString()).toList())
                .contains("customer: /operator")
                .anyMatch(line -> line.startsWith("operator: Здравствуйте, Лена!"));

        assertThat(json(anna("POST", "/api/operator/tickets/" + number + "/close", null)).path("status").asString()).isEqualTo("resolved");
        assertThat(engine.status(id)).isEqualTo(ConversationStatus.WITH_BOT);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/close", null).statusCode()).isEqualTo(410);
        assertThat(anna("GET", "/api/operator/tickets/999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void keepsOperatorsToTheirQueuesAndTransfers() throws Exception {
        var id = customerAsksForAPerson("/operator"); // human_operator → general
        long number = ticketOf(id);
        assertThat(call("POST", "/api/operator/tickets/" + number + "/claim", "boris", "secret-boris", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/operator/queue", "boris", "secret-boris", null).body()).doesNotContain(id.toString());

        var moved = anna("POST", "/api/operator/tickets/" + number + "/transfer", "{\"queue\":\"delivery\"}");
        assertThat(json(moved).path("queue").asString()).isEqualTo("delivery");
        assertThat(call("POST", "/api/operator/tickets/" + number + "/claim", "boris", "secret-boris", null).statusCode()).isEqualTo(200);
        assertThat(json(call("POST", "/api/operator/tickets/" + number + "/release", "boris", "secret-boris", null)).path("status").asString())
                .isEqualTo("returned_to_bot");
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/transfer", "{}").statusCode()).isEqualTo(400);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/transfer", "{\"queue\":\"general\"}").statusCode()).isEqualTo(410);
    }

    @Test
    void streamsTicketEventsLive() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/operator/events"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("anna:secret-anna".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("hello")));

        var id = customerAsksForAPerson("позовите живого человека");
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")
                && l.contains("\"opened\"") && l.contains(id.toString())));
        engine.handle(new InboundMessage(id, "Лена", new InboundMessage.Text("<img src=x onerror=alert(1)> где мой заказ?")));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("\"message\"") && l.contains("где мой заказ")));
        List<String> data = lines.stream().filter(l -> l.startsWith("data:")).toList();
        assertThat(data).isNotEmpty();
        response.body().close();
    }
}
