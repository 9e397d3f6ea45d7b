package org.supportbot.channel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files in the web chat over real HTTP: a customer's upload (kept in the store, limited, its type read
 * from its bytes) reaches the operator console; an operator's file reaches the customer's page.
 * Same properties as {@code WebChatApiTests}, so they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.content.dir=.",
        "supportbot.data.dir=target/test-data/parse",
        "supportbot.content.hot-reload=false",
        "supportbot.operators.admin-password=admin-secret-parse",
        "supportbot.limits.new-sessions-per-minute=1000",
        "supportbot.limits.messages-per-minute=1000",
        "supportbot.limits.parse-per-minute=1000"})
class WebChatFilesTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret-parse".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private String newSession() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri("/api/chat/session")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("session").asString();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<byte[]> multipart(String path, @Nullable String auth, Map<String, Object> fields) throws Exception {
        var boundary = "----web" + System.nanoTime();
        var body = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            if (field.getValue() instanceof byte[] bytes) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + field.getKey()
                        + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(bytes);
            } else {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header(header, value).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> fields(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static byte[] png(int width) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, 30, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private long askForAPerson(String session) throws Exception {
        var body = "{\"session\":\"" + session + "\",\"name\":\"Лена\",\"text\":\"/operator\"}";
        HTTP.send(HttpRequest.newBuilder(uri("/api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        var queue = JSON.readTree(new String(get("/api/operator/queue", "Authorization", ADMIN).body(), StandardCharsets.UTF_8));
        long number = -1;
        for (var ticket : queue) {
            if (ticket.path("customerName").asString("").equals("Лена")) {
                number = Math.max(number, ticket.path("number").asLong());
            }
        }
        return number;
    }

    @Test
    void aCustomersScreenshotIsKeptAndTheOperatorSeesItInTheTicket() throws Exception {
        var session = newSession();
        var screenshot = png(120);
        var sent = multipart("/api/chat/files", null, fields("session", session, "sms.png", screenshot, "caption", ""));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(json(sent).path("replies").get(0).path("text").asString()).contains("вложение"); // the bot answers politely
        long ticket = askForAPerson(session);
        assertThat(ticket).isPositive();

        var transcript = json(get("/api/operator/tickets/" + ticket, "Authorization", ADMIN)).path("transcript");
        var urls = transcript.findValues("url");
        assertThat(urls).hasSize(1); // sent before the hand-over, seen after it
        assertThat(transcript.findValues("name")).extracting(JsonNode::asString).contains("sms.png");
        var served = get(urls.get(0).asString(), "Authorization", ADMIN);
        assertThat(served.body()).isEqualTo(screenshot);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void anOperatorsPdfReachesTheCustomersPageAndOnlyTheirs() throws Exception {
        var session = newSession();
        long ticket = askForAPerson(session);
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var upload = multipart("/api/operator/tickets/" + ticket + "/attachments", ADMIN, fields("return-label.pdf", pdf, "caption", "Ярлык"));
        assertThat(upload.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> filesShown(session).size() == 1);
        var notice = filesShown(session).get(0);
        assertThat(notice.path("name").asString()).isEqualTo("return-label.pdf");
        var url = notice.path("url").asString();
        var file = get(url, "X-Chat-Session", session);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(get(url, "X-Chat-Session", newSession()).statusCode()).isEqualTo(404); // another chat
        assertThat(HTTP.send(HttpRequest.newBuilder(uri(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private java.util.List<JsonNode> filesShown(String session) throws Exception {
        var notices = json(get("/api/chat/updates?session=" + session, "Accept", "application/json")).path("notices");
        var files = new java.util.ArrayList<JsonNode>();
        notices.forEach(notice -> {
            if (notice.path("file").isObject()) {
                files.add(notice.path("file"));
            }
        });
        return files;
    }

    @Test
    void badUploadsGetAClearAnswerAndNeverA5xx() throws Exception {
        var session = newSession();
        var html = multipart("/api/chat/files", null, fields("session", session, "photo.png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(json(html).path("error").asString()).contains("PDF");
        var none = multipart("/api/chat/files", null, fields("session", session, "caption", "где файл"));
        assertThat(none.statusCode()).isEqualTo(400);
        var stranger = multipart("/api/chat/files", null, fields("session", "never-issued-session-123", "a.png", png(10)));
        assertThat(stranger.statusCode()).isEqualTo(401);
        var huge = multipart("/api/chat/files", null, fields("session", session, "huge.png", new byte[10 * 1024 * 1024 + 1]));
        assertThat(huge.statusCode()).isEqualTo(413);
        var notMultipart = HTTP.send(HttpRequest.newBuilder(uri("/api/chat/files")).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("no boundary")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notMultipart.statusCode()).isBetween(400, 499);
        for (int i = 0; i < WebChatFiles.FILES_PER_SESSION; i++) {
            assertThat(multipart("/api/chat/files", null, fields("session", session, "p" + i + ".png", png(10 + i))).statusCode()).isEqualTo(200);
        }
        var over = multipart("/api/chat/files", null, fields("session", session, "one-more.png", png(5)));
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
    }
}
