package org.supportbot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import tools.jackson.databind.JsonNode;

/** The operators' tools over HTTP: notes, tags, close reasons, saved replies rendered for a ticket. */
class OperatorToolsApiTests extends OperatorHttpFixture {

    @Autowired
    ConversationEngine engine;
    @Autowired
    org.supportbot.handoff.Handoff handoff;

    private long ticketFor(String name, String text) throws Exception {
        var id = new ConversationId("web", "tools-api-" + System.nanoTime());
        engine.handle(new InboundMessage(id, name, new InboundMessage.Text(text)));
        for (var ticket : json(anna("GET", "/api/operator/queue", null))) {
            if (ticket.path("conversation").asString().equals(id.toString())) {
                return ticket.path("number").asLong();
            }
        }
        throw new AssertionError("no ticket for " + id);
    }

    @Test
    void notesAreStoredOnTheTicketAndNeverJoinTheCustomersTranscript() throws Exception {
        long number = ticketFor("Лена", "/operator");
        var noted = anna("POST", "/api/operator/tickets/" + number + "/notes", "{\"text\":\"  <b>звонила</b> на горячую линию  \"}");
        assertThat(noted.statusCode()).isEqualTo(201);
        assertThat(json(noted).path("notes").get(0).path("text").asString()).isEqualTo("<b>звонила</b> на горячую линию");

        var ticket = json(anna("GET", "/api/operator/tickets/" + number, null));
        assertThat(ticket.path("notes").get(0).path("byName").asString()).isEqualTo("Anna");
        assertThat(ticket.path("transcript").valueStream().map(e -> e.path("text").asString())).noneMatch(t -> t.contains("звонила"));

        assertThat(anna("POST", "/api/operator/tickets/" + number + "/notes", "{\"text\":\"  \"}").statusCode()).isEqualTo(400);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/notes", "{\"text\":\"" + "x".repeat(4097) + "\"}").statusCode()).isEqualTo(400);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/notes", "{\"text\":").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/operator/tickets/" + number + "/notes", "boris", "secret-boris", "{\"text\":\"x\"}").statusCode())
                .as("Boris serves only delivery").isEqualTo(403);
        assertThat(anna("POST", "/api/operator/tickets/999999/notes", "{\"text\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(json(anna("GET", "/api/operator/tickets/" + number, null)).path("notes").size()).isEqualTo(1);
    }

    @Test
    void tagsAndCloseReasonsAreCheckedAndKept() throws Exception {
        long number = ticketFor("Лена", "/operator");
        var tagged = anna("POST", "/api/operator/tickets/" + number + "/tags", "{\"tags\":[\"Доставка\",\"#сдэк\",\"доставка\"]}");
        assertThat(tagged.statusCode()).isEqualTo(200);
        assertThat(json(tagged).path("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("доставка", "сдэк");
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/tags", "{\"tags\":[\"two words\"]}").statusCode()).isEqualTo(400);

        assertThat(json(anna("GET", "/api/operator/close-reasons", null)).valueStream().map(JsonNode::asString).toList())
                .containsExactly("resolved", "duplicate", "spam", "no_reply");
        var refused = anna("POST", "/api/operator/tickets/" + number + "/close", "{\"reason\":\"bored\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("message").asString()).contains("bored").contains("duplicate");
        var closed = json(anna("POST", "/api/operator/tickets/" + number + "/close", "{\"reason\":\"duplicate\"}"));
        assertThat(closed.path("status").asString()).isEqualTo("resolved");
        assertThat(closed.path("closeReason").asString()).isEqualTo("duplicate");
        assertThat(closed.path("tags").size()).isEqualTo(2);
    }

    @Test
    void savedRepliesAreRenderedForTheTicketsCustomer() throws Exception {
        long number = ticketFor("Лена Петрова", "/operator");
        var replies = json(anna("GET", "/api/operator/replies?ticket=" + number, null));
        var delay = replies.valueStream().filter(r -> r.path("shortcut").asString().equals("delay")).findFirst().orElseThrow();
        assertThat(delay.path("title").asString()).contains("Задержка");
        assertThat(delay.path("text").asString()).startsWith("Лена, простите");
        var hello = replies.valueStream().filter(r -> r.path("shortcut").asString().equals("hello")).findFirst().orElseThrow();
        assertThat(hello.path("text").asString()).contains("Anna");
        assertThat(anna("GET", "/api/operator/replies?ticket=abc", null).statusCode()).isEqualTo(400);
        assertThat(anna("GET", "/api/operator/replies", null).statusCode()).isEqualTo(400);
    }

    @Test
    void savedRepliesFillTheOrderFromTheTicketsStoreContextAndSkipItWithoutOne() throws Exception {
        var conversation = "web:tools-api-ctx-" + System.nanoTime();
        var opened = handoff.open(new org.supportbot.handoff.Escalation(conversation + "#1", conversation, "web", null,
                org.supportbot.knowledge.Language.RU, "order_status", "customer_request", java.util.List.of(),
                java.util.Map.of("order", "48213", "status", "в пути", "verified", "yes")));
        var withOrder = json(anna("GET", "/api/operator/replies?ticket=" + opened.ticket().number(), null)).valueStream()
                .filter(r -> r.path("shortcut").asString().equals("delay")).findFirst().orElseThrow();
        assertThat(withOrder.path("text").asString()).as("the variation naming the order wins when the order is known")
                .contains("заказ №48213").doesNotContain("{");

        long bare = ticketFor(null, "/operator");
        for (int i = 0; i < 20; i++) { // variations are picked at random: none may name an order we do not know
            var delay = json(anna("GET", "/api/operator/replies?ticket=" + bare, null)).valueStream()
                    .filter(r -> r.path("shortcut").asString().equals("delay")).findFirst().orElseThrow();
            assertThat(delay.path("text").asString()).doesNotContain("№").doesNotContain("{").contains("задержк");
        }
    }

    @Test
    void onlyTheOperatorHoldingATicketTellsTheCustomerTheyAreTyping() throws Exception {
        long number = ticketFor("Лена", "/operator");
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/typing", null).statusCode()).as("nobody holds it yet").isEqualTo(403);
        anna("POST", "/api/operator/tickets/" + number + "/claim", null);
        assertThat(anna("POST", "/api/operator/tickets/" + number + "/typing", null).statusCode()).isEqualTo(204);
        assertThat(call("POST", "/api/operator/tickets/" + number + "/typing", "admin", "admin-secret", null).statusCode()).isEqualTo(403);
        assertThat(anna("POST", "/api/operator/tickets/999999/typing", null).statusCode()).isEqualTo(404);
    }
}
