package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.channel.vk.FakeVkApi;
import org.supportbot.handoff.Handoff;

/**
 * A photo an operator posts in a VK customer's ticket topic reaches the customer on VK, caption
 * included: downloaded from Telegram's file server, uploaded to the VK dialog, sent with {@code attachment=}.
 */
class TopicFilesToVkTests {

    private static final String TOKEN = "636363:topic-to-vk-token";
    private static final long GROUP = -1006363;
    private static final long OPERATOR = 9202;
    private static final String VK_TOKEN = "vk1.a.topic-to-vk-token";
    private static final long VK_GROUP = 229_000_099;
    private static final long CUSTOMER = 8_800_001;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static FakeBotApi telegram;
    private static FakeVkApi vk;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        vk = new FakeVkApi(VK_TOKEN, VK_GROUP);
        telegram.file("photos/label.jpg", TelegramAttachmentTests.JPEG);
        telegram.when("getFile", call -> call.json().path("file_id").asString("").equals("label-photo")
                ? FakeBotApi.Reply.ok(MediaUpdates.file("label-photo", TelegramAttachmentTests.JPEG.length, "photos/label.jpg"))
                : FakeBotApi.Reply.error(400, "Bad Request: invalid file_id", null));
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "topic-vk-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.NONE)
                .run("--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms", "--spring.main.banner-mode=off",
                        "--supportbot.telegram.token=" + TOKEN, "--supportbot.telegram.api-url=" + telegram.url(),
                        "--supportbot.telegram.mode=polling", "--supportbot.telegram.poll-timeout=1s",
                        "--supportbot.telegram.lease=10s", "--supportbot.telegram.operator-chat-id=" + GROUP,
                        "--supportbot.operators.telegram-ids=" + OPERATOR,
                        "--supportbot.vk.token=" + VK_TOKEN, "--supportbot.vk.group-id=" + VK_GROUP, "--supportbot.vk.api-url=" + vk.url(),
                        "--supportbot.vk.mode=longpoll", "--supportbot.vk.poll-wait=1s", "--supportbot.vk.lease=10s");
        // Events before the first long poll are not the bot's to read (it starts from the current ts).
        await().atMost(WAIT).until(vk::polled);
    }

    @AfterAll
    static void stop() {
        app.close();
        vk.close();
        telegram.close();
    }

    @Test
    void aPhotoPostedInTheTopicReachesTheVkCustomerWithItsCaption() {
        vk.offer(FakeVkApi.messageNew("topic-vk-1", VK_GROUP, CUSTOMER, "/operator", 0));
        var handoff = app.getBean(Handoff.class);
        await().atMost(WAIT).until(() -> handoff.openTicketOf("vk:" + CUSTOMER).isPresent());
        var ticket = handoff.openTicketOf("vk:" + CUSTOMER).orElseThrow();
        var topics = app.getBean(OperatorTopics.class);
        await().atMost(WAIT).until(() -> topics.threadOf(ticket.number()).isPresent());

        telegram.offer(MediaUpdates.topicPhoto(70_001, GROUP, topics.threadOf(ticket.number()).getAsInt(), OPERATOR, "label-photo",
                "Вот ярлык для возврата"));

        await().atMost(WAIT).until(() -> vk.deliveredTo(CUSTOMER).stream().anyMatch(d -> !d.attachment().isEmpty()));
        var sent = vk.deliveredTo(CUSTOMER).stream().filter(d -> !d.attachment().isEmpty()).toList();
        assertThat(sent).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("Вот ярлык для возврата");
            assertThat(d.attachment()).startsWith("photo-" + VK_GROUP + "_");
        });
        assertThat(vk.uploads().uploads()).singleElement().satisfies(u -> {
            assertThat(u.peerId()).isEqualTo(CUSTOMER);
            assertThat(u.bytes()).isEqualTo(TelegramAttachmentTests.JPEG);
        });
        // Not the "text only" answer any more: nothing in the topic says the file could not be sent.
        assertThat(telegram.calls("sendMessage").toString()).doesNotContain("только текстовые");
    }
}
