package org.supportbot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.supportbot.analytics.SupportAnalytics;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.ConversationStatus;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.conversation.OutboundMessage;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.TicketStatus;
import org.supportbot.store.Store;

/** Erase and export through the running bot, as an admin uses them, on a store of their own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // "secret-anna", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy",
        "supportbot.operators.admin-password=admin-secret",
        "supportbot.conversation.ask-feedback=true",
        "supportbot.privacy.policy-url=https://shop.example/privacy",
})
class CustomerErasureTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ConversationEngine engine;
    @Autowired
    Handoff handoff;
    @Autowired
    Store store;
    @Autowired
    SupportAnalytics analytics;

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) throws Exception {
        var dir = Files.createTempDirectory("erasure-tests-");
        registry.add("supportbot.data.dir", dir::toString);
    }

    private HttpResponse<String> call(String method, String path, String user, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return call(method, path, "admin", "admin-secret");
    }

    private List<OutboundMessage> say(ConversationId id, String text) {
        return engine.handle(new InboundMessage(id, "Лена" + id.chat(), new InboundMessage.Text(text)));
    }

    /** Every document of every collection, as JSON, with the collection's name in front. */
    private List<String> everything() {
        var all = new ArrayList<String>();
        for (var name : store.database().listCollectionNames()) {
            for (var doc : store.database().getCollection(name).find()) {
                all.add(name + " " + doc.toJson());
            }
        }
        return all;
    }

    private static ConversationId customer(String channel) {
        return new ConversationId(channel, String.valueOf(900_000_000L + System.nanoTime() % 99_999_999L));
    }

    @Test
    void erasesACustomerWaitingForAnOperatorFromEveryCollectionAndTheReportsTotalsStay() throws Exception {
        var lena = customer("telegram");
        var other = customer("web");
        say(lena, "где мой заказ Zanzibarquux");
        say(lena, "хочу поговорить с оператором Zanzibarquux");
        say(lena, "/operator");
        say(other, "где мой заказ Otherquux");
        assertThat(engine.status(lena)).isEqualTo(ConversationStatus.WAITING_FOR_OPERATOR);
        // what other work adds: a customer's attachment and the link between their conversations
        store.database().getCollection("attachments").insertOne(new Document("conversation", lena.toString()).append("name", "Zanzibarquux.jpg"));
        store.database().getCollection("customer_links").insertOne(new Document("conversations", List.of(lena.toString(), other.toString()))
                .append("phone", "79123456789"));
        var from = Instant.now().minus(Duration.ofDays(1));
        var to = Instant.now().plus(Duration.ofDays(1));
        var before = analytics.report(from, to);
        var number = handoff.openTicketOf(lena.toString()).orElseThrow().number();

        var response = admin("DELETE", "/api/operator/customers/" + lena);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"messages\"", "\"tickets\"", "\"conversations\"");
        for (var name : store.database().listCollectionNames()) {
            assertThat(PersonalCollections.PERSONAL.contains(name) || PersonalCollections.NOT_PERSONAL.contains(name))
                    .as("collection '%s' is neither erased nor declared free of personal data (PersonalCollections)", name).isTrue();
        }
        assertThat(everything()).noneMatch(doc -> doc.contains("Zanzibarquux") || doc.contains(lena.chat()));
        assertThat(everything()).anyMatch(doc -> doc.startsWith("messages ") && doc.contains("Otherquux"));
        assertThat(handoff.find(number).orElseThrow().status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(handoff.waiting(null)).noneMatch(ticket -> ticket.number() == number);
        assertThat(engine.status(lena)).as("a new conversation, should they write again").isEqualTo(ConversationStatus.WITH_BOT);
        var after = analytics.report(from, to);
        assertThat(List.of(after.conversations(), after.messages(), after.tickets(), after.channels(), after.intents()))
                .isEqualTo(List.of(before.conversations(), before.messages(), before.tickets(), before.channels(), before.intents()));
        var audit = store.database().getCollection(PrivacyAudit.COLLECTION).find(new Document("action", "erase")).into(new ArrayList<>());
        assertThat(audit).anySatisfy(entry -> assertThat(entry.toJson()).contains(PrivacyAudit.digest(lena.toString())).doesNotContain(lena.chat()));
    }

    @Test
    void erasesACustomerWhoseTicketAnOperatorHoldsAndTheOperatorIsFreed() throws Exception {
        var lena = customer("vk");
        say(lena, "/operator");
        var number = handoff.openTicketOf(lena.toString()).orElseThrow().number();
        assertThat(call("POST", "/api/operator/tickets/" + number + "/claim", "anna", "secret-anna").statusCode()).isEqualTo(200);
        say(lena, "мой адрес Qwertyquux 5");

        assertThat(admin("DELETE", "/api/operator/customers/" + lena).statusCode()).isEqualTo(200);

        assertThat(handoff.find(number).orElseThrow().status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(handoff.assignedTo("anna")).noneMatch(ticket -> ticket.number() == number);
        assertThat(everything()).noneMatch(doc -> doc.contains("Qwertyquux") || doc.contains(lena.chat()));
    }

    @Test
    void onlyAnAdminErasesAndABadSubjectIsRefusedClearly() throws Exception {
        var lena = customer("telegram");
        say(lena, "где мой заказ");

        assertThat(call("DELETE", "/api/operator/customers/" + lena, "anna", "secret-anna").statusCode()).isEqualTo(403);
        assertThat(engine.status(lena)).isEqualTo(ConversationStatus.WITH_BOT);
        assertThat(store.database().getCollection("conversations").countDocuments(new Document("_id", lena.toString()))).isEqualTo(1);
        var bad = admin("DELETE", "/api/operator/customers/not%20a%20customer");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("channel:chat");
        assertThat(admin("DELETE", "/api/operator/customers/telegram:1").statusCode()).isEqualTo(404);
    }

    @Test
    void exportsEverythingKeptAboutACustomerAsJson() throws Exception {
        var lena = customer("telegram");
        say(lena, "где мой заказ Exportquux");
        store.database().getCollection("feedback").insertOne(new Document("conversation", lena.toString()).append("helpful", true)
                .append("at", new Date()));

        var export = admin("GET", "/api/operator/customers/" + lena + "/export");

        assertThat(export.statusCode()).isEqualTo(200);
        var json = Document.parse(export.body());
        var data = json.get("conversations", Document.class).get(lena.toString(), Document.class);
        assertThat(data.keySet()).contains("conversations", "messages", "feedback");
        assertThat(export.body()).contains("Exportquux");
        assertThat(call("GET", "/api/operator/customers/" + lena + "/export", "anna", "secret-anna").statusCode()).isEqualTo(403);
    }

    @Test
    void aCardNumberIsMaskedBeforeAnythingStoresItAndTheCustomerIsToldOnce() {
        var lena = customer("telegram");

        var first = say(lena, "оплатил картой 4111 1111 1111 1111, где заказ?");
        var second = say(lena, "вот ещё 5500-0000-0000-0004");

        assertThat(everything()).noneMatch(doc -> doc.contains("4111 1111 1111 1111") || doc.contains("4111111111111111")
                || doc.contains("5500-0000-0000-0004"));
        assertThat(everything()).anyMatch(doc -> doc.startsWith("messages ") && doc.contains("оплатил картой [card ****1111], где заказ?"));
        assertThat(first).anyMatch(reply -> reply.text().contains("данные банковской карты"));
        assertThat(second).noneMatch(reply -> reply.text().contains("данные банковской карты"));
    }

    @Test
    void thePrivacyPolicyComesWithTheGreetingAndOnPrivacy() {
        var lena = customer("web");

        assertThat(say(lena, "/start")).anyMatch(reply -> reply.text().contains("https://shop.example/privacy"));
        assertThat(say(lena, "/privacy")).singleElement().satisfies(reply -> assertThat(reply.text()).contains("https://shop.example/privacy"));
        assertThat(Path.of(store.location())).exists();
    }
}
