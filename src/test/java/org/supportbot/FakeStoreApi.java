package org.supportbot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reference store API of {@code docs/store-api.md} on 127.0.0.1, for tests through the real
 * HTTP client: {@code GET /orders/{n}} and {@code POST /orders/{n}/cancel}, with a Bearer token.
 * Orders are set per test; some numbers misbehave on purpose (see {@link #misbehave}).
 */
public final class FakeStoreApi implements AutoCloseable {

    public static final String TOKEN = "store-token-for-tests";

    /** How an order number's lookup misbehaves. */
    public enum Trouble { SERVER_ERROR, SLOW, UNAUTHORIZED, MALFORMED, HUGE, TRICKLE }

    private final HttpServer server;
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    private final Map<String, Trouble> troubles = new ConcurrentHashMap<>();
    private final Map<String, String> cancelRefusals = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** Released when the test ends, so a slow answer never outlives it. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Duration delay = Duration.ZERO;

    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY, Nagle and delayed ACKs add
        // ~40 ms to every answer, which a real store's server (nginx, Tomcat…) does not.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeStoreApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/orders/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An order as the reference API returns it. */
    public void order(String number, String status, String phone) {
        orders.put(number, """
                {"number": "%s", "status": "%s", "status_text": {"ru": "%s", "en": "%s"}, "phone": "%s",
                 "customer": "Мария Иванова", "address": "Москва, ул. Тверская, 1",
                 "items": [{"name": "Наушники", "qty": 1}, {"name": "Чехол", "qty": 2}],
                 "delivery": {"service": "СДЭК", "tracking": "TRK-%s", "eta": "2026-12-10"}, "total": 4990, "currency": "RUB"}
                """.formatted(number, status, status.equals("shipped") ? "передан в доставку" : "собирается",
                status.equals("shipped") ? "shipped" : "being packed", phone, number));
    }

    /** An order whose answer is exactly {@code json}. */
    public void rawOrder(String number, String json) {
        orders.put(number, json);
    }

    public void misbehave(String number, Trouble trouble) {
        troubles.put(number, trouble);
    }

    /** The cancel of {@code number} answers 409 with this Russian reason. */
    public void refuseCancel(String number, String reason) {
        cancelRefusals.put(number, reason);
    }

    /** Every answer waits this long first. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Requests as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (!delay.isZero()) {
                await(delay);
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\": \"unauthorized\"}");
                return;
            }
            var parts = path.substring("/orders/".length()).split("/");
            var number = parts[0];
            var trouble = troubles.get(number);
            if (trouble != null) {
                switch (trouble) {
                    case SERVER_ERROR -> send(exchange, 503, "{\"error\": \"down\"}");
                    case SLOW -> {
                        await(Duration.ofSeconds(10));
                        send(exchange, 200, orders.getOrDefault(number, "{}"));
                    }
                    case UNAUTHORIZED -> send(exchange, 401, "{\"error\": \"bad token\"}");
                    case MALFORMED -> send(exchange, 200, "{\"number\": \"" + number + "\", \"status\": ");
                    case TRICKLE -> { // headers at once, then the body stalls
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, 0);
                        exchange.getResponseBody().write('{');
                        exchange.getResponseBody().flush();
                        await(Duration.ofSeconds(10));
                        exchange.getResponseBody().write("}".getBytes(StandardCharsets.UTF_8));
                    }
                    case HUGE -> send(exchange, 200, "{\"number\": \"" + number + "\", \"pad\": \"" + "x".repeat(400_000) + "\"}");
                }
                return;
            }
            var order = orders.get(number);
            if (order == null) {
                send(exchange, 404, "{\"error\": \"not found\"}");
            } else if (parts.length == 2 && parts[1].equals("cancel") && exchange.getRequestMethod().equals("POST")) {
                var refusal = cancelRefusals.get(number);
                send(exchange, refusal == null ? 200 : 409, refusal == null ? "{\"cancelled\": true}"
                        : "{\"cancelled\": false, \"reason\": {\"ru\": \"" + refusal + "\", \"en\": \"already shipped\"}}");
            } else if (parts.length == 1 && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, order);
            } else {
                send(exchange, 405, "{}");
            }
        }
    }

    private void await(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
