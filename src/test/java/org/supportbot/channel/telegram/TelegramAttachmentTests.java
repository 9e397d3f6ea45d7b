package org.supportbot.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.supportbot.handoff.Handoff;
import org.supportbot.handoff.Ticket;
import tools.jackson.databind.JsonNode;

/**
 * Files both ways on Telegram, end to end: the real TelegramBots client against the fake Bot API
 * ({@code getFile}, the file server, {@code copyMessage}, {@code sendPhoto}), the embedded store,
 * the delivery loop and the operator API over HTTP.
 */
class TelegramAttachmentTests {

    private static final String TOKEN = "626262:attachments-test-token";
    private static final long GROUP = -1006262;
    private static final long OPERATOR = 9101;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicLong UPDATE_IDS = new AtomicLong(5000);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(90_000);

    static final byte[] JPEG = jpeg();
    static final byte[] SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);

    private static FakeBotApi telegram;
    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        telegram = new FakeBotApi(TOKEN);
        telegram.file("photos/jacket.jpg", JPEG);
        telegram.file("documents/evil.svg", SVG);
        telegram.stall("documents/stalled.pdf");
        telegram.when("getFile", call -> switch (call.json().path("file_id").asString("")) {
            case "jacket-photo" -> FakeBotApi.Reply.ok(MediaUpdates.file("jacket-photo", JPEG.length, "photos/jacket.jpg"));
            case "evil-svg" -> FakeBotApi.Reply.ok(MediaUpdates.file("evil-svg", SVG.length, "documents/evil.svg"));
            case "vanished" -> FakeBotApi.Reply.ok(MediaUpdates.file("vanished", 100, "photos/vanished.jpg"));
            case "stalled" -> FakeBotApi.Reply.ok(MediaUpdates.file("stalled", 100, "documents/stalled.pdf"));
            default -> FakeBotApi.Reply.error(400, "Bad Request: invalid file_id", null);
        });
        telegram.when("copyMessage", call -> FakeBotApi.Reply.ok("{\"message_id\":" + MESSAGE_IDS.incrementAndGet() + "}"));
        for (var method : new String[] {"sendPhoto", "sendDocument", "sendVoice", "sendAudio"}) {
            telegram.when(method, call -> FakeBotApi.Reply.ok(MediaUpdates.sentMessage(MESSAGE_IDS.incrementAndGet(), 1)));
        }
        app = TelegramApps.withOperatorGroup(telegram, TOKEN, GROUP, OPERATOR, "attach-", true, "--server.port=0", "--server.address=127.0.0.1",
                "--supportbot.operators.admin-password=attach-admin-secret", "--supportbot.telegram.download-timeout=2s");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
    }

    private static long nextId() {
        return UPDATE_IDS.incrementAndGet();
    }

    private static byte[] jpeg() {
        var image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillRect(120, 60, 80, 120);
        g.setColor(Color.RED);
        g.drawLine(130, 80, 190, 160);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("admin:attach-admin-secret".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json(HttpResponse<byte[]> response) {
        return FakeBotApi.JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** Uploads a file to a ticket as the console does; {@code name} null sends no file part at all. */
    HttpResponse<byte[]> upload(long ticket, String name, byte[] bytes, String caption) throws Exception {
        var boundary = "----attach" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        if (name != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n" + caption + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(base + "/api/operator/tickets/" + ticket + "/attachments"))
                .header("Authorization", basic()).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private Ticket ticketOf(long chat) {
        telegram.offer(FakeBotApi.textUpdate(nextId(), chat, "Ольга", "/operator"));
        await().atMost(WAIT).until(() -> app.getBean(Handoff.class).openTicketOf("telegram:" + chat).isPresent());
        return app.getBean(Handoff.class).openTicketOf("telegram:" + chat).orElseThrow();
    }

    private long topicOf(Ticket ticket) {
        await().atMost(WAIT).until(() -> app.getBean(OperatorTopics.class).threadOf(ticket.number()).isPresent());
        return app.getBean(OperatorTopics.class).threadOf(ticket.number()).getAsInt();
    }

    private JsonNode lastCustomerEntry(long ticket) throws Exception {
        var transcript = json(get("/api/operator/tickets/" + ticket)).path("transcript");
        JsonNode last = null;
        for (var entry : transcript) {
            if (entry.path("author").asString().equals("customer")) {
                last = entry;
            }
        }
        return last;
    }

    @Test
    void aCustomersPhotoReachesTheTopicAndTheConsoleAndAnOperatorsPhotoReachesTheCustomer() throws Exception {
        long customer = 7001;
        var ticket = ticketOf(customer);
        long thread = topicOf(ticket);

        var photo = MediaUpdates.photo(nextId(), customer, "Ольга", "jacket-photo", "Куртка порвалась по шву", null);
        long photoMessage = photo.path("message").path("message_id").asLong();
        telegram.offer(photo);

        // The photo itself appears in the ticket's topic: the customer's message copied, caption and all.
        await().atMost(WAIT).until(() -> telegram.calls("copyMessage").stream().anyMatch(c ->
                c.json().path("chat_id").asString().equals(Long.toString(GROUP)) && c.json().path("message_thread_id").asLong() == thread
                        && c.json().path("message_id").asLong() == photoMessage
                        && c.json().path("from_chat_id").asString().equals(Long.toString(customer))));

        // The console's transcript lists it; its URL serves the picture inline, fetched from Telegram without the token.
        await().atMost(WAIT).until(() -> lastCustomerEntry(ticket.number()).path("attachments").size() == 1);
        var entry = lastCustomerEntry(ticket.number());
        assertThat(entry.path("text").asString()).contains("Куртка порвалась по шву");
        var file = entry.path("attachments").get(0);
        assertThat(file.path("kind").asString()).isEqualTo("photo");
        assertThat(file.path("mime").asString()).isEqualTo("image/jpeg");
        assertThat(file.path("size").asLong()).isEqualTo(30_000);
        var url = file.path("url").asString();
        assertThat(url).startsWith("/api/operator/attachments/").doesNotContain(TOKEN);
        var served = get(url);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(JPEG);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        // Cached briefly: a second look does not download it again.
        int downloads = telegram.downloads().size();
        assertThat(get(url).body()).isEqualTo(JPEG);
        assertThat(telegram.downloads()).hasSize(downloads);

        // An operator posts a photo with a caption in the topic: the customer gets it, copied with its caption.
        var fromOperator = MediaUpdates.topicPhoto(nextId(), GROUP, thread, OPERATOR, "label-photo", "Вот ярлык для возврата");
        long operatorMessage = fromOperator.path("message").path("message_id").asLong();
        telegram.offer(fromOperator);
        await().atMost(WAIT).until(() -> telegram.calls("copyMessage").stream().anyMatch(c ->
                c.json().path("chat_id").asString().equals(Long.toString(customer)) && c.json().path("message_id").asLong() == operatorMessage
                        && c.json().path("from_chat_id").asString().equals(Long.toString(GROUP))));
        var transcript = json(get("/api/operator/tickets/" + ticket.number())).path("transcript");
        assertThat(transcript.toString()).contains("Вот ярлык для возврата").contains("\"kind\":\"photo\"");
    }

    @Test
    void aPictureUploadedInTheConsoleIsSentToTheTelegramCustomerAsAPhoto() throws Exception {
        long customer = 7002;
        var ticket = ticketOf(customer);
        var response = upload(ticket.number(), "label.png", png(), "Распечатайте ярлык");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        var url = json(response).path("attachment").path("url").asString();

        await().atMost(WAIT).until(() -> telegram.calls("sendPhoto").stream().anyMatch(c ->
                c.body().contains("name=\"chat_id\"") && c.body().contains(Long.toString(customer)) && c.body().contains("Распечатайте ярлык")));
        // Kept in the store: the console shows the same bytes, inline.
        var served = get(url);
        assertThat(served.body()).isEqualTo(png());
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void uploadsWithNoFileOrALyingTypeAreRefusedClearly() throws Exception {
        var ticket = ticketOf(7003);
        var none = upload(ticket.number(), null, new byte[0], "без файла");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).path("message").asString()).contains("file");
        var html = upload(ticket.number(), "photo.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "");
        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(json(html).path("message").asString()).contains("PDF");
        var big = upload(ticket.number(), "huge.png", new byte[11 * 1024 * 1024], "");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(telegram.calls("sendPhoto")).noneMatch(c -> c.body().contains("без файла"));
    }

    @Test
    void anSvgDocumentIsServedAsADownloadOfASafeType() throws Exception {
        long customer = 7004;
        var ticket = ticketOf(customer);
        telegram.offer(MediaUpdates.document(nextId(), customer, "Ольга", "evil-svg", "../../evil.svg", "image/svg+xml", SVG.length));
        await().atMost(WAIT).until(() -> lastCustomerEntry(ticket.number()).path("attachments").size() == 1);
        var file = lastCustomerEntry(ticket.number()).path("attachments").get(0);
        assertThat(file.path("name").asString()).isEqualTo("evil.svg");
        var served = get(file.path("url").asString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("evil.svg");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void unknownVanishedAndTooBigFilesGetAClearAnswerAndStayInTheTranscript() throws Exception {
        long customer = 7005;
        var ticket = ticketOf(customer);
        telegram.offer(MediaUpdates.document(nextId(), customer, "Ольга", "expired-id", "receipt.pdf", "application/pdf", 2000));
        telegram.offer(MediaUpdates.document(nextId(), customer, "Ольга", "vanished", "sms.jpg", "image/jpeg", 100));
        telegram.offer(MediaUpdates.document(nextId(), customer, "Ольга", "video-id", "unboxing.mp4", "video/mp4", 25L * 1024 * 1024));
        await().atMost(WAIT).until(() -> json(get("/api/operator/tickets/" + ticket.number())).path("transcript").findValues("url").size() == 3);
        var urls = json(get("/api/operator/tickets/" + ticket.number())).path("transcript").findValues("url");
        var expired = get(urls.get(0).asString());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(json(expired).path("message").asString()).contains("no longer");
        assertThat(get(urls.get(1).asString()).statusCode()).isEqualTo(410); // getFile answered, the file server says 404
        var tooBig = get(urls.get(2).asString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(json(tooBig).path("message").asString()).contains("20 MB");
        assertThat(get("/api/operator/attachments/no-such-id").statusCode()).isEqualTo(404);
    }

    @Test
    void aDownloadThatStallsIsReportedAfterTheTimeoutNotWaitedFor() throws Exception {
        long customer = 7007;
        var ticket = ticketOf(customer);
        telegram.offer(MediaUpdates.document(nextId(), customer, "Ольга", "stalled", "invoice.pdf", "application/pdf", 100));
        await().atMost(WAIT).until(() -> lastCustomerEntry(ticket.number()).path("attachments").size() == 1);
        var stalled = get(lastCustomerEntry(ticket.number()).path("attachments").get(0).path("url").asString());
        assertThat(stalled.statusCode()).isEqualTo(409);
        assertThat(json(stalled).path("message").asString()).contains("did not answer within 2 s").contains("try again");
        // Still in the transcript: nothing lost.
        assertThat(lastCustomerEntry(ticket.number()).path("attachments").get(0).path("name").asString()).isEqualTo("invoice.pdf");
    }

    @Test
    void anAlbumOfTenPhotosIsKeptWholeAndAnsweredOnce() {
        long customer = 7006;
        for (int i = 0; i < 10; i++) {
            telegram.offer(MediaUpdates.photo(nextId(), customer, "Ольга", "album-" + i, null, "album-1"));
        }
        var id = new org.supportbot.conversation.ConversationId("telegram", Long.toString(customer));
        var engine = app.getBean(org.supportbot.conversation.ConversationEngine.class);
        await().atMost(WAIT).until(() -> engine.transcript(id, 50).stream().filter(e -> e.author().equals("customer")).count() == 10);
        assertThat(engine.transcript(id, 50)).filteredOn(e -> e.author().equals("customer"))
                .allSatisfy(e -> assertThat(e.attachments()).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo("photo")));
        await().atMost(WAIT).until(() -> telegram.sentTo(customer).size() == 1);
        // The one answer (polite: the bot reads text only, an operator would see it) and no other for the nine that follow.
        assertThat(telegram.sentTo(customer).get(0).path("text").asString()).contains("вложение");
        assertThat(engine.transcript(id, 50)).filteredOn(e -> e.author().equals("bot")).hasSize(1);
    }

    static byte[] png() {
        var image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
