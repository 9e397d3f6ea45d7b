package org.supportbot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.supportbot.SupportBotApplication;
import org.supportbot.store.internal.StoreFailureAnalyzer;

/** The application on a MongoDB server of its own (MONGODB_URI), which goes away and comes back. */
class StoreOutageTests {

    @TempDir
    Path dir;

    private static int freePort() throws java.io.IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static MongoServer serve(Path file, int port) {
        var server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        return server;
    }

    @Test
    void reportsTheOutageInHealthAndRecoversWhenTheServerIsBack() throws Exception {
        int port = freePort();
        var file = dir.resolve("server.mv");
        var server = serve(file, port);
        // the default connect timeout (10 s): health must not wait for it
        try (var context = new SpringApplicationBuilder(SupportBotApplication.class).web(WebApplicationType.NONE)
                .run("--supportbot.mongodb.uri=mongodb://127.0.0.1:" + port + "/shop", "--supportbot.data.dir=" + dir.resolve("data"))) {
            var health = context.getBean("store", HealthIndicator.class);
            var store = context.getBean(Store.class);
            assertThat(store.embedded()).isFalse();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            store.database().getCollection("probe").insertOne(new Document("_id", "before"));

            server.shutdownNow();
            long stopped = System.nanoTime();
            // The bounds are the driver's 10 s connect timeout that health must not wait for, not the 1.5 s deadline
            // itself: on a busy machine a check may take a little longer than its deadline.
            await().atMost(Duration.ofSeconds(8)).until(() -> health.health().getStatus().equals(Status.DOWN));
            long down = System.nanoTime();
            assertThat(health.health().getStatus()).as("a check while the server is away").isEqualTo(Status.DOWN);
            Duration check = Duration.ofNanos(System.nanoTime() - down);
            assertThat(check).as("one check while the server is away").isBetween(Duration.ZERO, Duration.ofSeconds(5));
            System.out.printf("store outage: DOWN after %d ms, a check while down took %d ms%n",
                    Duration.ofNanos(down - stopped).toMillis(), check.toMillis());

            server = serve(file, port);
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> health.health().getStatus().equals(Status.UP));
            System.out.printf("store outage: UP %d ms after the server was back%n", Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            store.database().getCollection("probe").insertOne(new Document("_id", "after"));
            assertThat(store.database().getCollection("probe").countDocuments()).isEqualTo(2);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void refusesToStartWithAClearMessageWhenTheServerIsUnreachable() throws Exception {
        int port = freePort();
        assertThatThrownBy(() -> new SpringApplicationBuilder(SupportBotApplication.class).web(WebApplicationType.NONE)
                .run("--supportbot.mongodb.uri=mongodb://app:hunter2@127.0.0.1:" + port + "/shop", "--supportbot.mongodb.connect-timeout=500ms",
                        "--supportbot.data.dir=" + dir.resolve("data")))
                .satisfies(e -> {
                    var cause = e;
                    while (!(cause instanceof StoreUnavailableException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining("Cannot reach MongoDB at mongodb://app:***@127.0.0.1:" + port + "/shop")
                            .hasMessageNotContaining("hunter2");
                    var analysis = new StoreFailureAnalyzer().analyze(e);
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).startsWith("Cannot reach MongoDB");
                    assertThat(analysis.getAction()).contains("MONGODB_URI");
                });
    }
}
