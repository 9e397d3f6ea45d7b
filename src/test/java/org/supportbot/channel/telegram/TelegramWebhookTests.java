package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** The whole application in webhook mode: Telegram posts to {@code /telegram/webhook}; replies go to a local Bot API server. */
class TelegramWebhookTests {

    private static final String TOKEN = "434343:webhook-test-token";
    private static final String SECRET = "s3cret_Token-42";
    private static final String PUBLIC_URL = "https://bot.example.com/telegram/webhook";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static URI webhook;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "telegram-webhook-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                        "--spring.main.banner-mode=off",
                        "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                        "--supportbot.telegram.mode=webhook", "--supportbot.telegram.webhook-url=" + PUBLIC_URL,
                        "--supportbot.telegram.webhook-secret=" + SECRET);
        webhook = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/telegram/webhook");
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
    }

    private static int post(String body, @Nullable String secret) throws Exception {
        var request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(TelegramWebhookController.SECRET_HEADER, secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void registersTheWebhookWithItsSecretAndUpdateKindsAtStartUp() {
        await().atMost(WAIT).until(() -> !telegram.calls("setWebhook").isEmpty());
        var body = telegram.calls("setWebhook").get(0).body();
        assertThat(body).contains(PUBLIC_URL).contains(SECRET).contains("callback_query").contains("my_chat_member");
        assertThat(telegram.calls("getUpdates")).as("no polling in webhook mode").isEmpty();
    }

    @Test
    void answersAnUpdateWithTheRightSecretOnlyOnceItIsStored() throws Exception {
        int status = post(FakeBotApi.textUpdate(201, 8001, "Лев", "где мой заказ").toString(), SECRET);

        assertThat(status).isEqualTo(200);
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:201")).isTrue();
        await().atMost(WAIT).until(() -> telegram.sentTo(8001).size() == 1);
    }

    @Test
    void refusesAnUpdateWithoutTheRightSecret() throws Exception {
        var update = FakeBotApi.textUpdate(202, 8002, "Мила", "где мой заказ").toString();

        assertThat(post(update, null)).isEqualTo(403);
        assertThat(post(update, "wrong-secret")).isEqualTo(403);
        assertThat(post(update, SECRET + "x")).isEqualTo(403);
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:202")).isFalse();
    }

    @Test
    void refusesAWrongSecretWith403WhateverTheBody() throws Exception {
        assertThat(post("{\"update_id\": 210, \"message\": ", "wrong-secret")).isEqualTo(403);
        assertThat(post("", null)).isEqualTo(403);
        assertThat(post("x".repeat(70_000), "wrong-secret")).as("over 64 KB: refused by its length at the edge, unread").isEqualTo(413);
    }

    /** Regression (issue #24): of 750 requests with a wrong secret, 94 got 400, because the body was parsed first. */
    @Test
    void refusesEveryOneOf750RequestsWithAWrongSecretWith403() throws Exception {
        var bodies = java.util.List.of("", "{", "[1, 2, 3]", "null", "{\"update_id\": \"x\"}", "\u0000\u0001",
                "{\"message\": {\"text\": \"no update id\"}}", FakeBotApi.textUpdate(211, 8011, "Ева", "где мой заказ").toString());
        var statuses = new java.util.TreeMap<Integer, Integer>();
        for (int i = 0; i < 750; i++) {
            var secret = i % 3 == 0 ? null : i % 3 == 1 ? "wrong-" + i : SECRET.substring(0, SECRET.length() - 1);
            statuses.merge(post(bodies.get(i % bodies.size()), secret), 1, Integer::sum);
        }

        assertThat(statuses).containsExactly(java.util.Map.entry(403, 750));
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:211")).isFalse();
    }

    @Test
    void refusesABodyOver64KilobytesWithTheRightSecretWith413() throws Exception {
        var update = FakeBotApi.textUpdate(212, 8012, "Ян", "а".repeat(40_000)).toString();

        assertThat(post(update, SECRET)).isEqualTo(413);
        assertThat(app.getBean(Inbox.class).isProcessed("telegram:212")).isFalse();
    }

    @Test
    void rejectsMalformedJsonWithABadRequest() throws Exception {
        assertThat(post("{\"update_id\": 203, \"message\": ", SECRET)).isEqualTo(400);
        assertThat(post("[1, 2, 3]", SECRET)).isEqualTo(400);
        assertThat(post("{\"message\": {\"text\": \"no update id\"}}", SECRET)).isEqualTo(400);
        assertThat(post("", SECRET)).isEqualTo(400);
    }

    /**
     * Regression (bench/reliability/fuzz.sh): an update that is JSON but cannot be read — a chat
     * without an id, a command entity past the end of the text, a button press from nobody —
     * answered 503, which tells Telegram to deliver it again, forever.
     */
    @Test
    void refusesAnUpdateItCannotReadWithABadRequestNotAServerError() throws Exception {
        assertThat(post("""
                {"update_id": 206, "message": {"message_id": 1, "date": 1, "chat": {"type": "private"}, "text": "hi"}}""", SECRET))
                .isEqualTo(400);
        assertThat(post("""
                {"update_id": 207, "message": {"message_id": 1, "date": 1, "chat": {"id": 8007, "type": "private"}, "text": "/hi",
                 "entities": [{"type": "bot_command", "offset": 50, "length": 9}]}}""", SECRET))
                .isEqualTo(400);
        assertThat(post("""
                {"update_id": 208, "callback_query": {"id": "q208", "data": "x"}}""", SECRET))
                .isEqualTo(400);

        assertThat(post(FakeBotApi.textUpdate(209, 8009, "Ира", "где мой заказ").toString(), SECRET)).isEqualTo(200);
        await().atMost(WAIT).until(() -> telegram.sentTo(8009).size() == 1);
    }

    @Test
    void answersARedeliveredUpdateOnce() throws Exception {
        var update = FakeBotApi.textUpdate(204, 8004, "Нина", "где мой заказ").toString();

        assertThat(post(update, SECRET)).isEqualTo(200);
        assertThat(post(update, SECRET)).isEqualTo(200);
        assertThat(post(FakeBotApi.textUpdate(205, 8004, "Нина", "как вернуть товар").toString(), SECRET)).isEqualTo(200);

        await().atMost(WAIT).until(() -> telegram.sentTo(8004).size() >= 2);
        assertThat(telegram.sentTo(8004)).hasSize(2);
    }
}
