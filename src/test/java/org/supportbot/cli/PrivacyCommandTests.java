package org.supportbot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.store.EmbeddedStoreFixture;

/** {@code erase} and {@code export} against the embedded file of a stopped bot. */
class PrivacyCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private PrivacyCommand command() {
        return new PrivacyCommand(out, "--supportbot.data.dir=" + dir);
    }

    private void aStoppedBotWithTwoCustomers() {
        try (var store = new EmbeddedStoreFixture(dir)) {
            store.database().getCollection("conversations").insertOne(new Document("_id", "telegram:4242").append("status", "WAITING_FOR_OPERATOR")
                    .append("name", "Lenaquux").append("ticket", 7L));
            store.database().getCollection("messages").insertOne(new Document("_id", "telegram:1").append("conversation", "telegram:4242")
                    .append("at", new Date()).append("author", "customer").append("in", new Document("kind", "text").append("text", "where is Lenaquux")));
            store.database().getCollection("tickets").insertOne(new Document("_id", 7L).append("key", "telegram:4242#1")
                    .append("conversation", "telegram:4242").append("customerName", "Lenaquux").append("status", "waiting")
                    .append("openedAt", new Date()).append("history", java.util.List.of()));
            store.database().getCollection("open_tickets").insertOne(new Document("_id", "telegram:4242").append("ticket", 7L));
            store.database().getCollection("messages").insertOne(new Document("_id", "vk:1").append("conversation", "vk:9")
                    .append("at", new Date()).append("author", "customer").append("in", new Document("kind", "text").append("text", "Borisquux here")));
            store.flush();
        }
    }

    @Test
    void exportPrintsEverythingKeptAboutTheCustomerAsJson() {
        aStoppedBotWithTwoCustomers();

        assertThat(command().export(new String[] {"telegram:4242"})).isZero();

        var json = Document.parse(printed.toString(StandardCharsets.UTF_8));
        assertThat(json.get("conversations", Document.class).get("telegram:4242", Document.class).keySet())
                .contains("conversations", "messages", "tickets", "open_tickets");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("where is Lenaquux").doesNotContain("Borisquux");
    }

    @Test
    void eraseRemovesTheCustomerClosesTheirTicketPrintsWhatWentAndLeavesNoByteInTheFile() throws Exception {
        aStoppedBotWithTwoCustomers();

        assertThat(command().erase(new String[] {"telegram:4242"})).isZero();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Erased telegram:4242", "conversations", "1 removed", "messages", "1 anonymised");
        var bytes = new String(Files.readAllBytes(dir.resolve("embedded-store.mv")), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("Lenaquux").contains("Borisquux");
        try (var store = new EmbeddedStoreFixture(dir)) {
            assertThat(store.database().getCollection("tickets").find().first().getString("status")).isEqualTo("cancelled");
            assertThat(store.database().getCollection("open_tickets").countDocuments()).isZero();
        }
    }

    @Test
    void eraseByAVerifiedPhoneReachesEveryConversationLinkedToIt() {
        aStoppedBotWithTwoCustomers();
        try (var store = new EmbeddedStoreFixture(dir)) {
            store.database().getCollection("conversations").insertOne(new Document("_id", "web:abc").append("verifiedPhone", "79123456789"));
            store.database().getCollection("customer_links").insertOne(new Document("conversations", java.util.List.of("telegram:4242", "web:abc"))
                    .append("phone", "79123456789"));
            store.flush();
        }

        assertThat(command().erase(new String[] {"+7 912 345-67-89"})).isZero();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Erased ", "telegram:4242", "web:abc", "customer_links");
        try (var store = new EmbeddedStoreFixture(dir)) {
            assertThat(store.database().getCollection("conversations").countDocuments()).isZero();
            assertThat(store.database().getCollection("customer_links").countDocuments()).isZero();
        }
    }

    @Test
    void aCustomerNobodyKnowsIsReportedAndABadSubjectIsAUsageError() {
        aStoppedBotWithTwoCustomers();
        var err = new ByteArrayOutputStream();

        assertThat(command().erase(new String[] {"telegram:1"})).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Nothing is stored about telegram:1");
        assertThat(CommandLine.run(new String[] {"erase"}, out, new PrintStream(err, true, StandardCharsets.UTF_8), dir)).isEqualTo(2);
        assertThat(CommandLine.run(new String[] {"erase", "nobody"}, out, new PrintStream(err, true, StandardCharsets.UTF_8), dir)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs one conversation", "is not a conversation");
    }
}
