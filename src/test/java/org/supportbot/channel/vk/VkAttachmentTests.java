package org.supportbot.channel.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
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
import org.supportbot.conversation.Attachment;
import org.supportbot.conversation.AttachmentUnavailable;
import org.supportbot.conversation.Attachments;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import tools.jackson.databind.node.ObjectNode;

/**
 * VK attachments kept as references and fetched on demand: the fake VK API for events, a local file
 * server for the links VK puts in them (one answers 404, as an expired VK link does).
 */
class VkAttachmentTests {

    private static final String TOKEN = "vk1.a.attach-test-token";
    private static final long GROUP = 229_000_077;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};

    private static FakeVkApi vk;
    private static HttpServer files;
    private static ConfigurableApplicationContext app;
    private static final java.util.concurrent.CountDownLatch STALLED = new java.util.concurrent.CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        vk = new FakeVkApi(TOKEN, GROUP);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/stalled.pdf")) {
                    STALLED.await(60, java.util.concurrent.TimeUnit.SECONDS); // VK's file host hangs: no headers, no bytes
                    exchange.sendResponseHeaders(404, -1);
                } else if (exchange.getRequestURI().getPath().equals("/big.jpg")) {
                    exchange.sendResponseHeaders(200, PHOTO.length);
                    exchange.getResponseBody().write(PHOTO);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        files.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        files.start();
        Files.createDirectories(Path.of("target/test-data"));
        var dataDir = Files.createTempDirectory(Path.of("target/test-data"), "vk-attach-");
        app = new SpringApplicationBuilder(SupportBotApplication.class)
                .web(WebApplicationType.NONE)
                .run("--supportbot.data.dir=" + dataDir, "--supportbot.delivery.poll-interval=50ms", "--spring.main.banner-mode=off",
                        "--supportbot.vk.token=" + TOKEN, "--supportbot.vk.group-id=" + GROUP, "--supportbot.vk.api-url=" + vk.url(),
                        "--supportbot.vk.mode=longpoll", "--supportbot.vk.poll-wait=1s", "--supportbot.vk.lease=10s", "--supportbot.vk.download-timeout=2s");
        await().atMost(WAIT).until(() -> !vk.calls("a_check").isEmpty());
    }

    @AfterAll
    static void stop() {
        STALLED.countDown();
        app.close();
        vk.close();
        files.stop(0);
    }

    private static String link(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    @Test
    void aPhotoAndADocumentAreKeptAndFetchedOnDemandAnExpiredLinkIsAFileGone() throws Exception {
        long user = 5_550_001;
        var event = FakeVkApi.messageNew("attach-1", GROUP, user, "Смотрите, чек и фото", 0);
        var message = (ObjectNode) event.path("object").path("message");
        var items = message.putArray("attachments");
        var photo = items.addObject().put("type", "photo").putObject("photo");
        photo.put("id", 1);
        var sizes = photo.putArray("sizes");
        sizes.addObject().put("type", "s").put("width", 75).put("height", 50).put("url", link("/small.jpg"));
        sizes.addObject().put("type", "z").put("width", 1080).put("height", 720).put("url", link("/big.jpg"));
        var doc = items.addObject().put("type", "doc").putObject("doc");
        doc.put("id", 2).put("title", "../чек.pdf").put("ext", "pdf").put("size", 2048).put("url", link("/expired.pdf"));
        vk.offer(event);

        var engine = app.getBean(ConversationEngine.class);
        var id = new ConversationId("vk", Long.toString(user));
        await().atMost(WAIT).until(() -> engine.transcript(id, 10).stream().anyMatch(e -> e.attachments().size() == 2));
        var entry = engine.transcript(id, 10).stream().filter(e -> e.attachments().size() == 2).findFirst().orElseThrow();
        assertThat(entry.text()).contains("Смотрите, чек и фото");
        assertThat(entry.attachments()).extracting(f -> f.kind()).containsExactly("photo", "document");
        assertThat(entry.attachments().get(1).name()).isEqualTo("чек.pdf");
        assertThat(entry.attachments().get(1).url()).startsWith("/api/operator/attachments/");

        var attachments = app.getBean(Attachments.class);
        Attachment kept = attachments.find(entry.attachments().get(0).id()).orElseThrow().attachment();
        assertThat(kept.fileId()).isEqualTo(link("/big.jpg")); // the largest size
        assertThat(attachments.open(kept).bytes()).isEqualTo(PHOTO);
        Attachment expired = attachments.find(entry.attachments().get(1).id()).orElseThrow().attachment();
        assertThatThrownBy(() -> attachments.open(expired)).isInstanceOfSatisfying(AttachmentUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(AttachmentUnavailable.Reason.GONE));
        // A link to a host that is not VK's is never fetched.
        var foreign = new Attachment("foreign-1", "photo", "vk", "https://example.com/x.jpg", "image/jpeg", 0, "x.jpg", null, null);
        assertThatThrownBy(() -> attachments.open(foreign)).hasMessageContaining("not VK's");
    }

    @Test
    void aDownloadVkStallsOnFailsAfterTheTimeoutAsTryAgainAndTheFileStaysKept() throws Exception {
        var attachments = app.getBean(Attachments.class);
        var stalled = new Attachment("stalled-1", "document", "vk", link("/stalled.pdf"), "application/pdf", 2048, "чек.pdf", null, null);
        attachments.remember(new ConversationId("vk", "5550002"), java.util.List.of(stalled));
        long started = System.nanoTime();

        assertThatThrownBy(() -> attachments.open(stalled)).isInstanceOfSatisfying(AttachmentUnavailable.class, e -> {
            assertThat(e.reason()).isEqualTo(AttachmentUnavailable.Reason.FAILED);
            assertThat(e.getMessage()).contains("within 2 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
        assertThat(attachments.find("stalled-1")).isPresent();
    }
}
