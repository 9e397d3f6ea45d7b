package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.SupportBotApplication;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;

/**
 * Console uploads to VK customers end to end: the operator API over HTTP, the outbox and delivery
 * loop, the VK sender's upload flow against the fake VK API and its upload servers.
 */
class VkFilesToCustomerTests {

    private static final String TOKEN = "vk1.a.files-e2e-token";
    private static final long GROUP = 229_000_088;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private static FakeVkApi vk;
    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "vk-files-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--supportbot.data.dir=" + dataDir,
                        "--supportbot.delivery.poll-interval=50ms", "--spring.main.banner-mode=off",
                        "--supportbot.vk.token=" + TOKEN, "--supportbot.vk.group-id=" + GROUP, "--supportbot.vk.api-url=" + vk.url(),
                        "--supportbot.vk.mode=longpoll", "--supportbot.vk.poll-wait=1s", "--supportbot.vk.lease=10s",
                        "--supportbot.vk.upload-timeout=2s", "--supportbot.operators.admin-password=vk-files-secret");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        await().atMost(WAIT).until(vk::polled); // the bot reads events from its first long poll on
    }

    @AfterAll
    static void stop() {
        app.close();
        vk.close();
    }

    private static Ticket ticketOf(long user) {
        vk.offer(FakeVkApi.messageNew("files-" + EVENTS.incrementAndGet(), GROUP, user, "/operator", 0));
        var handoff = app.getBean(Handoff.class);
        await().atMost(WAIT).until(() -> handoff.openTicketOf("vk:" + user).isPresent());
        await().atMost(WAIT).until(() -> vk.deliveredTo(user).size() == 1); // "you are in the queue"
        return handoff.openTicketOf("vk:" + user).orElseThrow();
    }

    private HttpResponse<String> upload(long ticket, String name, byte[] bytes, String caption, String key) throws Exception {
        var boundary = "----vkfiles" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n" + caption + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var basic = "Basic " + Base64.getEncoder().encodeToString("admin:vk-files-secret".getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(base + "/api/operator/tickets/" + ticket + "/attachments"))
                .header("Authorization", basic).header("Idempotency-Key", key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPictureAndAPdfFromTheConsoleReachTheVkCustomerInOrderWithTheirCaptionsOnce() throws Exception {
        long user = 7_700_001;
        var ticket = ticketOf(user);

        assertThat(upload(ticket.number(), "ярлык.png", VkUploadTests.PNG, "Распечатайте ярлык", "k1").statusCode()).isEqualTo(202);
        assertThat(upload(ticket.number(), "накладная.pdf", VkUploadTests.PDF, "", "k2").statusCode()).isEqualTo(202);
        // The same request again (the operator's browser retried): sent once.
        assertThat(upload(ticket.number(), "накладная.pdf", VkUploadTests.PDF, "", "k2").statusCode()).isEqualTo(202);

        // The queue notice, "Admin joins" (the upload takes the ticket), the picture with its caption, the PDF.
        await().atMost(WAIT).until(() -> vk.deliveredTo(user).size() >= 4);
        var delivered = vk.deliveredTo(user);
        assertThat(delivered).hasSize(4);
        assertThat(delivered.get(1).text()).contains("Admin");
        assertThat(delivered.get(2).text()).isEqualTo("Распечатайте ярлык");
        assertThat(delivered.get(2).attachment()).startsWith("photo-" + GROUP + "_");
        assertThat(delivered.get(3).text()).isEmpty();
        assertThat(delivered.get(3).attachment()).startsWith("doc-" + GROUP + "_");
        assertThat(vk.uploads().uploads()).filteredOn(u -> u.peerId() == user).extracting(FakeVkUploads.Upload::bytes)
                .containsExactly(VkUploadTests.PNG, VkUploadTests.PDF);
    }

    @Test
    void aStalledUploadServerIsRetriedByTheOutboxAndTheFileArrivesWhenItAnswersAgain() throws Exception {
        long user = 7_700_002;
        var ticket = ticketOf(user);
        vk.uploads().stall();
        try {
            assertThat(upload(ticket.number(), "чек.pdf", VkUploadTests.PDF, "Ваш чек", "k3").statusCode()).isEqualTo(202);
            // The first upload stalls past the 2 s timeout; the outbox tries again (a fresh upload server).
            await().atMost(WAIT).until(() -> vk.calls("docs.getMessagesUploadServer").stream()
                    .filter(c -> c.param("peer_id").equals(Long.toString(user))).count() >= 2);
            assertThat(vk.deliveredTo(user)).noneMatch(d -> !d.attachment().isEmpty());
        } finally {
            vk.uploads().release();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> vk.deliveredTo(user).size() == 3);
        assertThat(vk.deliveredTo(user).get(2).text()).isEqualTo("Ваш чек");
        assertThat(vk.deliveredTo(user).get(2).attachment()).startsWith("doc-");
        assertThat(vk.deliveredTo(user)).filteredOn(d -> !d.attachment().isEmpty()).hasSize(1);
    }

    @Test
    void anMp3IsRefusedForAVkCustomerWithAClearMessage() throws Exception {
        long user = 7_700_003;
        var ticket = ticketOf(user);
        var mp3 = new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0, 0, 0};

        var response = upload(ticket.number(), "song.mp3", mp3, "", "k4");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("VK does not take MP3");
        assertThat(vk.deliveredTo(user)).hasSize(1);
    }
}
