package org.supportbot.channel.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Bot API as this channel uses it: TelegramBots' {@link OkHttpTelegramClient} for sending,
 * and a lenient {@code getUpdates} for polling. Thread-safe.
 *
 * <p><b>A lost response means "maybe delivered".</b> OkHttp by default silently repeats a request
 * when a connection fails — including a POST that Telegram may already have executed — which
 * would send a message twice behind everyone's back. Here {@code retryOnConnectionFailure} is off:
 * a dropped connection or a read timeout surfaces as an error, and the one place that decides
 * about repeating is the outbox (see {@code Delivery}): it retries with back-off, so the customer
 * gets the reply at least once, and in the rare case that Telegram had taken the first attempt,
 * twice. The Bot API has no idempotency key for {@code sendMessage}, so exactly once is not
 * possible here; we prefer a rare duplicate to a lost answer.
 *
 * <p>{@code getUpdates} is read update by update, with unknown fields ignored: one update this
 * version of TelegramBots cannot read is logged and skipped instead of stopping all polling.
 */
final class TelegramApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramApi.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Requests to the Bot API in flight at once: above any sensible number of delivery threads. */
    static final int MAX_REQUESTS_AT_ONCE = 64;

    private final TelegramSettings settings;
    private final OkHttpClient http;
    private final OkHttpClient polling;
    private final TelegramClient client;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    TelegramApi(TelegramSettings settings) {
        this.settings = settings;
        // TelegramBots' client sends through OkHttp's asynchronous calls, which by default allow 5
        // requests to a host at a time: every reply, whatever the delivery threads, waited for one
        // of those 5 (a ceiling of 108 replies/s against a local Bot API).
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_REQUESTS_AT_ONCE);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_AT_ONCE);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                // OkHttp keeps 5 idle connections by default: after each burst it closed the rest, and
                // the next burst opened them again (a fifth of the delivery's CPU under load, and a TLS
                // handshake each to Telegram). Keep as many as may be in use at once.
                .connectionPool(new ConnectionPool(MAX_REQUESTS_AT_ONCE, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // see the class comment: never repeat a POST silently
                .connectTimeout(10, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS)
                .build();
        this.polling = http.newBuilder()
                .readTimeout(settings.pollTimeout().plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.client = new OkHttpTelegramClient(json, http, settings.token(), settings.telegramUrl());
    }

    /** TelegramBots' client, for the Bot API methods. */
    TelegramClient client() {
        return client;
    }

    /** The HTTP client behind the Bot API calls, for file downloads (same pool, no silent repeats). */
    OkHttpClient http() {
        return http;
    }

    /** The JSON mapper for Bot API objects (Jackson 2, as TelegramBots uses), lenient about unknown fields. */
    ObjectMapper json() {
        return json;
    }

    /** An update as {@code getUpdates} returned it: its id, and the update unless it could not be read. */
    record Polled(long updateId, @Nullable Update update) {
    }

    /**
     * Starts a {@code getUpdates} call; {@link Call#cancel()} on the result ends a waiting call
     * (on shutdown).
     */
    Call getUpdates(long offset, int timeoutSeconds, List<String> allowedUpdates) throws IOException {
        var body = json.createObjectNode();
        if (offset > 0) {
            body.put("offset", offset);
        }
        body.put("timeout", timeoutSeconds);
        body.put("limit", 100);
        var allowed = body.putArray("allowed_updates");
        allowedUpdates.forEach(allowed::add);
        var request = new Request.Builder()
                .url(url("getUpdates"))
                .post(RequestBody.create(json.writeValueAsBytes(body), JSON))
                .build();
        return polling.newCall(request);
    }

    /** Runs a call made by {@link #getUpdates} and reads its updates. */
    List<Polled> updates(Call call) throws IOException {
        try (var response = call.execute()) {
            var responseBody = response.body();
            JsonNode tree;
            try {
                tree = json.readTree(responseBody == null ? "" : responseBody.string());
            } catch (IOException e) {
                throw new IOException("getUpdates answered HTTP " + response.code() + " with a body that is not JSON");
            }
            if (tree == null || !tree.path("ok").asBoolean(false)) {
                throw new IOException("getUpdates failed: HTTP " + response.code() + " "
                        + (tree == null ? "" : tree.path("error_code").asText("") + " " + tree.path("description").asText("")));
            }
            var updates = new ArrayList<Polled>();
            for (var node : tree.path("result")) {
                long id = node.path("update_id").asLong(-1);
                if (id < 0) {
                    log.warn("Skipped a Telegram update without an update_id");
                    continue;
                }
                Update update = null;
                try {
                    update = json.treeToValue(node, Update.class);
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Skipped Telegram update {}: cannot read it ({})", id, e.getMessage());
                }
                updates.add(new Polled(id, update));
            }
            return updates;
        }
    }

    private HttpUrl url(String method) {
        var base = settings.telegramUrl();
        return new HttpUrl.Builder().scheme(base.getSchema()).host(base.getHost()).port(base.getPort())
                .addPathSegment("bot" + settings.token()).addPathSegment(method).build();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
