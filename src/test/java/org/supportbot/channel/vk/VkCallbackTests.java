package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.store.Inbox;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole application in Callback API mode: VK posts events to {@code /vk/callback}; replies go to
 * a local VK API. The store is a MongoDB-wire server of the test's own ({@code MONGODB_URI}), so
 * that a test can take it away and bring it back.
 */
class VkCallbackTests {

    private static final String TOKEN = "vk1.a.callback-test-token";
    private static final long GROUP = 229_000_002;
    private static final String SECRET = "s3cret-Callback-42";
    private static final String CONFIRMATION = "a1b2c3d4";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static FakeVkApi vk;
    private static ConfigurableApplicationContext app;
    private static URI callback;
    private static Path storeFile;
    private static int storePort;
    private static MongoServer mongo;

    /** A response: its status and body. */
    record Answer(int status, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        Files.createDirectories(Path.of("target/test-data"));
        var dir = Files.createTempDirectory(Path.of("target/test-data"), "vk-callback-");
        storeFile = dir.resolve("server.mv");
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            storePort = socket.getLocalPort();
        }
        mongo = serveStore();
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--supportbot.data.dir=" + dir.resolve("data"), "--supportbot.delivery.poll-interval=50ms",
                        "--spring.main.banner-mode=off",
                        "--supportbot.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/vk", "--supportbot.mongodb.connect-timeout=1s",
                        "--supportbot.vk.token=" + TOKEN, "--supportbot.vk.group-id=" + GROUP, "--supportbot.vk.api-url=" + vk.url(),
                        "--supportbot.vk.mode=callback", "--supportbot.vk.confirmation-code=" + CONFIRMATION,
                        "--supportbot.vk.secret=" + SECRET);
        callback = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/vk/callback");
    }

    private static MongoServer serveStore() {
        var server = new MongoServer(new H2Backend(storeFile.toString()));
        server.bind("127.0.0.1", storePort);
        return server;
    }

    @AfterAll
    static void stop() {
        app.close();
        vk.close();
        mongo.shutdownNow();
    }

    private static Answer post(String body, @Nullable Integer retry) throws Exception {
        var request = HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (retry != null) {
            request.header(VkCallbackController.RETRY_HEADER, Integer.toString(retry));
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String signed(ObjectNode event) {
        return event.put("secret", SECRET).toString();
    }

    private static boolean processed(String eventId) {
        return app.getBean(Inbox.class).isProcessed("vk:" + eventId);
    }

    @Test
    void answersTheConfirmationEventWithTheConfirmationCode() throws Exception {
        var answer = post("{\"type\":\"confirmation\",\"group_id\":" + GROUP + "}", null);

        assertThat(answer).isEqualTo(new Answer(200, CONFIRMATION));
    }

    @Test
    void answersOkOnlyOnceTheEventIsStoredAndThenReplies() throws Exception {
        var answer = post(signed(FakeVkApi.messageNew("cb001", GROUP, 8_001, "где мой заказ", 0)), null);

        assertThat(answer).isEqualTo(new Answer(200, "ok"));
        assertThat(processed("cb001")).isTrue();
        await().atMost(WAIT).until(() -> vk.deliveredTo(8_001).size() == 1);
    }

    @Test
    void refusesAnEventWithoutTheRightSecret() throws Exception {
        var event = FakeVkApi.messageNew("cb002", GROUP, 8_002, "где мой заказ", 0);

        assertThat(post(event.toString(), null).status()).isEqualTo(403);
        assertThat(post(event.deepCopy().put("secret", "wrong").toString(), null).status()).isEqualTo(403);
        assertThat(post(event.deepCopy().put("secret", SECRET + "x").toString(), null).status()).isEqualTo(403);
        assertThat(post(event.deepCopy().put("secret", "").toString(), null).status()).isEqualTo(403);
        assertThat(processed("cb002")).isFalse();
        assertThat(vk.deliveredTo(8_002)).isEmpty();
    }

    @Test
    void refusesAnEventForAnotherCommunity() throws Exception {
        var answer = post(signed(FakeVkApi.messageNew("cb003", GROUP + 1, 8_003, "где мой заказ", 0)), null);
        var confirmation = post("{\"type\":\"confirmation\",\"group_id\":" + (GROUP + 1) + "}", null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("group_id");
        assertThat(confirmation.status()).isEqualTo(403);
        assertThat(confirmation.body()).doesNotContain(CONFIRMATION);
        assertThat(processed("cb003")).isFalse();
    }

    @Test
    void rejectsMalformedSignedBodiesWithABadRequestThatSaysWhy() throws Exception {
        var noPeer = FakeVkApi.messageNew("cb004", GROUP, 8_004, "где мой заказ", 0);
        ((ObjectNode) noPeer.path("object").path("message")).remove("peer_id");

        assertThat(post("{\"group_id\":" + GROUP + ",\"secret\":\"" + SECRET + "\"}", null)).isEqualTo(new Answer(400, "the event has no 'type'"));
        assertThat(post(signed(noPeer), null)).isEqualTo(new Answer(400, "a message_new event without a numeric 'peer_id'"));
    }

    /** Issue #24: the secret is checked before anything else; a body with none — not even JSON — gets 403. */
    @Test
    void refusesABodyWithoutTheSecretWith403WhateverElseIsWrongWithIt() throws Exception {
        var noPeer = FakeVkApi.messageNew("cb009", GROUP, 8_009, "где мой заказ", 0);
        ((ObjectNode) noPeer.path("object").path("message")).remove("peer_id");

        for (var body : java.util.List.of("{\"type\": \"message_new\", \"object\": ", "[1, 2, 3]", "", "null", "\"secret\"",
                "{\"group_id\":" + GROUP + "}", "{\"type\": \"message_new\", \"group_id\": \"x\", \"secret\": \"wrong\"}",
                noPeer.toString(), noPeer.deepCopy().put("secret", "wrong").toString())) {
            assertThat(post(body, null)).as(body).isEqualTo(new Answer(403, "wrong or missing secret"));
        }
    }

    @Test
    void refusesABodyOver64KilobytesWith413() throws Exception {
        var answer = post(signed(FakeVkApi.messageNew("cb010", GROUP, 8_010, "а".repeat(40_000), 0)), null);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(processed("cb010")).isFalse();
    }

    @Test
    void answersARedeliveredEventOnce() throws Exception {
        var event = signed(FakeVkApi.messageNew("cb005", GROUP, 8_005, "где мой заказ", 0));

        assertThat(post(event, null)).isEqualTo(new Answer(200, "ok"));
        assertThat(post(event, 1)).isEqualTo(new Answer(200, "ok"));
        assertThat(post(signed(FakeVkApi.messageNew("cb006", GROUP, 8_005, "как вернуть товар", 0)), null)).isEqualTo(new Answer(200, "ok"));

        await().atMost(WAIT).until(() -> vk.deliveredTo(8_005).size() >= 2);
        // Replies of one dialog go out in order: a second reply to cb005 would have come before cb006's.
        assertThat(vk.deliveredTo(8_005)).hasSize(2);
    }

    @Test
    void answersACallbackButtonWithItsIntentsAnswerAndStopsTheSpinner() throws Exception {
        var answer = post(signed(FakeVkApi.messageEvent("cb007", GROUP, 8_007, "{\"p\":\"intent:delivery_info\"}", "ev-8007")), null);

        assertThat(answer).isEqualTo(new Answer(200, "ok"));
        assertThat(vk.calls("messages.sendMessageEventAnswer")).anyMatch(call -> call.param("event_id").equals("ev-8007"));
        await().atMost(WAIT).until(() -> vk.deliveredTo(8_007).size() == 1);
        assertThat(vk.deliveredTo(8_007).get(0).text()).containsIgnoringCase("достав"); // one variation says «Доставляем»
    }

    @Test
    void processesTheRetryOfAnEventWhoseFirstAttemptWasNotStored() throws Exception {
        var event = signed(FakeVkApi.messageNew("cb008", GROUP, 8_008, "где мой заказ", 0));
        mongo.shutdownNow();
        Answer first;
        try {
            first = post(event, null);
        } finally {
            mongo = serveStore();
        }
        assertThat(first.status()).isEqualTo(503);

        // VK repeats the event, counting its retries, until it gets "ok".
        var retries = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> post(event, retries.incrementAndGet()).equals(new Answer(200, "ok")));
        assertThat(processed("cb008")).isTrue();
        await().atMost(WAIT).until(() -> vk.deliveredTo(8_008).size() == 1);
        assertThat(post(event, retries.incrementAndGet())).isEqualTo(new Answer(200, "ok"));
        assertThat(vk.deliveredTo(8_008)).hasSize(1);
    }
}
