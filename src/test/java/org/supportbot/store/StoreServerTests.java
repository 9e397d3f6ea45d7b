package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServerTests {

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void servesABotThroughMongodbUriAndKeepsItsDataAcrossARestart() throws IOException {
        int port = freePort();
        try (var server = StoreServer.start(dir, "127.0.0.1", port, Duration.ofMillis(10));
                var bot = new MongoStore(server.connectionString() + "/supportbot", dir.resolve("unused"), Duration.ofSeconds(5))) {
            assertThat(bot.embedded()).isFalse();
            bot.database().getCollection("conversations").insertOne(new Document("_id", "telegram:1").append("name", "Анна"));
        }
        try (var server = StoreServer.start(dir, "127.0.0.1", port, Duration.ofMillis(10));
                var bot = new MongoStore(server.connectionString() + "/supportbot", dir.resolve("unused"), Duration.ofSeconds(5))) {
            var doc = bot.database().getCollection("conversations").find(Filters.eq("_id", "telegram:1")).first();
            assertThat(doc).isNotNull();
            assertThat(doc.getString("name")).isEqualTo("Анна");
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> StoreServer.start(dir, "127.0.0.1", 70000, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }
}
