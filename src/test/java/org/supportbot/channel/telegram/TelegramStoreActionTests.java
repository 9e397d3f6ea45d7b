package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.FakeStoreApi;
import org.supportbot.SupportBotApplication;
import tools.jackson.databind.JsonNode;

/**
 * An order lookup through Telegram end to end: the fake Bot API delivers the customer's updates,
 * the fake store answers on 127.0.0.1, the contact button proves the phone.
 */
class TelegramStoreActionTests {

    private static final String TOKEN = "565656:store-action-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATE_IDS = new AtomicLong(500);

    private static FakeBotApi telegram;
    private static FakeStoreApi store;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        store = new FakeStoreApi();
        store.order("48213", "shipped", "+7 916 123-45-67");
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "telegram-actions-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms",
                        "--spring.main.banner-mode=off",
                        "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                        "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s",
                        "--SUPPORTBOT_STORE_API_URL=" + store.url(), "--SUPPORTBOT_STORE_API_TOKEN=" + FakeStoreApi.TOKEN);
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
        store.close();
    }

    private static JsonNode reply(long chat, int count) {
        await().atMost(WAIT).until(() -> telegram.sentTo(chat).size() >= count);
        return telegram.sentTo(chat).get(count - 1);
    }

    @Test
    void looksUpAnOrderAfterTheCustomerSharesTheirOwnNumber() {
        long chat = 9101;
        telegram.offer(FakeBotApi.textUpdate(UPDATE_IDS.incrementAndGet(), chat, "Ольга", "где мой заказ 48213?"));

        var ask = reply(chat, 1);
        assertThat(ask.path("text").asString()).contains("Поделиться номером");
        var button = ask.path("reply_markup").path("keyboard").get(0).get(0);
        assertThat(button.path("request_contact").asBoolean()).isTrue();
        assertThat(button.path("text").asString()).isEqualTo("📱 Поделиться номером");

        telegram.offer(FakeBotApi.contactUpdate(UPDATE_IDS.incrementAndGet(), chat, "Ольга", "79161234567", chat));

        var answer = reply(chat, 2).path("text").asString();
        assertThat(answer).contains("Заказ №48213: передан в доставку.", "TRK-48213").doesNotContain("1234567", "Тверская");
    }

    @Test
    void refusesAStrangersContactCardAndShowsNothing() {
        long chat = 9102;
        telegram.offer(FakeBotApi.textUpdate(UPDATE_IDS.incrementAndGet(), chat, "Пётр", "где мой заказ 48213?"));
        reply(chat, 1);

        telegram.offer(FakeBotApi.contactUpdate(UPDATE_IDS.incrementAndGet(), chat, "Пётр", "79161234567", 777L));

        var answer = reply(chat, 2).path("text").asString();
        assertThat(answer).contains("Это не ваш контакт").doesNotContain("передан в доставку", "TRK-48213");
    }
}
