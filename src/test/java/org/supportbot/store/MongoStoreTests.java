package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreTests {

    @TempDir
    Path dir;

    @Test
    void keepsDataInAFileAcrossRestarts() {
        try (var store = StoreFixture.embedded(dir)) {
            store.database().getCollection("conversations").insertOne(new Document("_id", "web:1").append("name", "Анна"));
            assertThat(store.embedded()).isTrue();
        }
        assertThat(Files.exists(dir.resolve(EmbeddedMongo.FILE_NAME))).isTrue();
        try (var store = StoreFixture.embedded(dir)) {
            var doc = store.database().getCollection("conversations").find(Filters.eq("_id", "web:1")).first();
            assertThat(doc).isNotNull();
            assertThat(doc.getString("name")).isEqualTo("Анна");
        }
    }

    @Test
    void explainsAnUnreachableServerWithoutItsPassword() {
        assertThatThrownBy(() -> new MongoStore("mongodb://bob:s3cret@127.0.0.1:1/shop", dir, Duration.ofMillis(500)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Cannot reach MongoDB at mongodb://bob:***@127.0.0.1:1/shop (MONGODB_URI)")
                .hasMessageContaining("unset MONGODB_URI to use the embedded store")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void explainsAMalformedUri() {
        assertThatThrownBy(() -> new MongoStore("http://localhost:27017", dir, Duration.ofMillis(500)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("MONGODB_URI is not a valid MongoDB connection string");
    }

    @Test
    void givesEveryOperationOnAMongodbServerTheConfiguredTimeout() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var server = StoreServer.start(dir, "127.0.0.1", port, Duration.ofMillis(10));
                var bot = new MongoStore(server.connectionString() + "/supportbot", dir.resolve("unused"), Duration.ofSeconds(5),
                        Duration.ZERO, Duration.ofMillis(7_500))) {
            assertThat(bot.clientSettings().getTimeout(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(7_500L);
            bot.database().getCollection("conversations").insertOne(new Document("_id", "web:1"));
            assertThat(bot.database().getCollection("conversations").countDocuments()).isEqualTo(1);
        }
        try (var server = StoreServer.start(dir, "127.0.0.1", port, Duration.ofMillis(10));
                var bot = new MongoStore(server.connectionString() + "/supportbot?timeoutMS=2000", dir.resolve("unused"),
                        Duration.ofSeconds(5), Duration.ZERO, Duration.ofMillis(7_500))) {
            assertThat(bot.clientSettings().getTimeout(java.util.concurrent.TimeUnit.MILLISECONDS)).as("the URI's own wins").isEqualTo(2_000L);
        }
    }

    @Test
    void waitsItsTurnOnTheEmbeddedStore() {
        try (var store = StoreFixture.embedded(dir)) {
            assertThat(store.clientSettings().getTimeout(java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void masksCredentialsAndOptions() {
        assertThat(MongoStore.masked(new ConnectionString("mongodb://user:pw@h1:27017,h2:27018/db?replicaSet=rs0&authSource=admin")))
                .isEqualTo("mongodb://user:***@h1:27017,h2:27018/db");
    }

    @Test
    void refusesASecondProcessOnTheSameEmbeddedFile() {
        try (var first = StoreFixture.embedded(dir)) {
            assertThatThrownBy(() -> StoreFixture.embedded(dir))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use");
        }
    }
}
