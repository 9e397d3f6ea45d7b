package org.supportbot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supportbot.store.EmbeddedStoreFixture;

/** An erase on the embedded store leaves no byte of the erased text in the file once the store is closed. */
class EmbeddedFileErasureTests {

    @TempDir
    Path dir;

    private static boolean contains(byte[] haystack, String needle) {
        var bytes = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + bytes.length <= haystack.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (haystack[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theErasedTextIsGoneFromTheFileWhileAnotherCustomersTextIsStillThere() throws Exception {
        Path file;
        try (var store = new EmbeddedStoreFixture(dir)) {
            var messages = store.database().getCollection("messages");
            for (int i = 0; i < 50; i++) { // many writes of each: MVStore appends, so old copies pile up in the file
                for (var customer : new String[] {"telegram:4242", "telegram:777"}) {
                    var word = customer.endsWith("4242") ? "Erasedwordquux" : "Keptwordquux";
                    messages.replaceOne(new Document("_id", customer + "#" + (i % 5)), new Document("conversation", customer).append("at", new Date())
                            .append("author", "customer").append("in", new Document("kind", "text").append("text", word + " " + i)),
                            new com.mongodb.client.model.ReplaceOptions().upsert(true));
                    store.flush();
                }
            }
            store.database().getCollection("conversations").insertOne(new Document("_id", "telegram:4242").append("name", "Erasedwordquux"));
            store.flush();
            file = Path.of(store.location());
            assertThat(contains(Files.readAllBytes(file), "Erasedwordquux")).isTrue();

            var erasure = new CustomerData(store, event -> { }, Clock.systemUTC()).erase("telegram:4242", "test");
            assertThat(erasure.anonymised()).containsEntry("messages", 5L);
            assertThat(erasure.removed()).containsEntry("conversations", 1L);
        }

        var bytes = Files.readAllBytes(file);
        assertThat(contains(bytes, "Erasedwordquux")).as("erased text in the file").isFalse();
        assertThat(contains(bytes, "Keptwordquux")).as("the other customer's text").isTrue();
        try (var reopened = new EmbeddedStoreFixture(dir)) {
            assertThat(reopened.database().getCollection("messages").countDocuments(new Document("conversation", "telegram:777"))).isEqualTo(5);
        }
    }
}
