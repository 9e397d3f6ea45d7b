package org.supportbot.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The edge over real HTTP: bodies over 64 KB refused before they are read, floods from one address
 * refused with 429 and {@code Retry-After}. Behind a (pretended) proxy, so that each test is its own
 * client address through {@code X-Forwarded-For}.
 *
 * <p>The properties are the same as in {@code SignInThrottlingTests}, so both share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "supportbot.data.dir=target/test-data/edge",
        "supportbot.content.hot-reload=false",
        "supportbot.limits.behind-proxy=true",
        "supportbot.limits.parse-per-minute=3",
        "supportbot.limits.new-sessions-per-minute=2",
        "supportbot.operators.admin-password=admin-secret-edge",
        // "secret-anna", hashed with bcrypt
        "supportbot.operators.accounts.anna.name=Anna",
        "supportbot.operators.accounts.anna.password={bcrypt}$2a$10$XNSlmdxMeaTeKtJaSz2jT.egm.R5G24gYy77mHzTZK8Q3EEH.cBKy"})
class EdgeTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long THIRTY_MB = 30L * 1024 * 1024;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/chat", "/api/chat/session", "/api/nlu/parse", "/telegram/webhook", "/vk/callback"})
    void refusesA30MegabyteBodyByItsLengthBeforeReadingIt(String path) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + THIRTY_MB + "\r\n\r\n{\"button\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // Only the headers and a few bytes were sent: the answer comes without waiting for the rest.
            var status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

            assertThat(status).isEqualTo("HTTP/1.1 413 ");
        }
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 9; i++) { // 72 KB, and no last chunk: the server must not wait for the end
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            var status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

            assertThat(status).isEqualTo("HTTP/1.1 413 ");
        }
    }

    @Test
    void passesAChunkedBodyWithinTheLimitOn() {
        var body = "{\"text\": \"" + "где мой заказ ".repeat(200) + "\"}";
        var request = HttpRequest.newBuilder(uri("/api/nlu/parse"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "198.51.100.30")
                // No length known in advance: sent in chunks.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();

        var response = send(request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"intent\"");
    }

    @Test
    void refusesAFloodOfParseCallsWithRetryAfterAndKeepsOtherAddressesServed() {
        for (int i = 0; i < 3; i++) {
            assertThat(parse("198.51.100.31").statusCode()).isEqualTo(200);
        }

        var refused = parse("198.51.100.31");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 20L));
        assertThat(refused.body()).contains("too many requests");
        assertThat(parse("198.51.100.32").statusCode()).as("another address").isEqualTo(200);
    }

    @Test
    void refusesAFloodOfNewWebSessions() {
        assertThat(newSession("198.51.100.33").statusCode()).isEqualTo(200);
        assertThat(newSession("198.51.100.33").statusCode()).isEqualTo(200);

        var refused = newSession("198.51.100.33");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aClientCannotEscapeItsLimitByWritingForwardedForItself() {
        // The proxy (loopback here) appends the real address; what the client wrote stays to its left.
        for (int i = 0; i < 3; i++) {
            assertThat(parse("192.0.2." + i + ", 198.51.100.34").statusCode()).isEqualTo(200);
        }
        assertThat(parse("192.0.2.99, 198.51.100.34").statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> parse(String forwardedFor) {
        return send(HttpRequest.newBuilder(uri("/api/nlu/parse"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"где мой заказ\"}")).build());
    }

    private HttpResponse<String> newSession(String forwardedFor) {
        return send(HttpRequest.newBuilder(uri("/api/chat/session"))
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
