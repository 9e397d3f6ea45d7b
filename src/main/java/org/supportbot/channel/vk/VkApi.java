package org.supportbot.channel.vk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VK API as this channel uses it, over Spring's {@link RestClient} on the JDK's HTTP client:
 * methods are POSTed form-encoded to {@code <VK_API_URL>/<method>} with {@code access_token} and
 * {@code v} in the body (never in the URL, so that the token shows in no access log), answers are
 * {@code {"response": ...}} or {@code {"error": {"error_code", "error_msg"}}}. Every method call
 * takes a slot of the {@link VkRateLimiter} first. Bots Long Poll's {@code a_check} goes to the
 * server {@code groups.getLongPollServer} named, outside the limit. Thread-safe.
 *
 * <p><b>A lost response means "maybe executed".</b> The JDK client repeats no POST by itself; the
 * outbox repeats {@code messages.send}, and the {@code random_id} derived from the reply's outbox id
 * makes VK drop the repetition if the first attempt arrived — so a reply is delivered exactly once.
 */
final class VkApi {

    /** How the client waits for a rate-limit slot; tests pass one that moves their clock. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final VkSettings settings;
    private final VkRateLimiter limiter;
    private final Pause pause;
    private final RestClient methods;
    private final RestClient longPoll;

    VkApi(VkSettings settings, VkRateLimiter limiter) {
        this(settings, limiter, duration -> Thread.sleep(duration.toMillis()));
    }

    VkApi(VkSettings settings, VkRateLimiter limiter, Pause pause) {
        this.settings = settings;
        this.limiter = limiter;
        this.pause = pause;
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.methods = RestClient.builder().requestFactory(factory(http, Duration.ofSeconds(20))).build();
        this.longPoll = RestClient.builder().requestFactory(factory(http, settings.pollWait().plusSeconds(15))).build();
    }

    private static JdkClientHttpRequestFactory factory(HttpClient http, Duration readTimeout) {
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return factory;
    }

    /**
     * Calls a method, waiting for a rate-limit slot at most {@code maxWait}.
     *
     * @throws VkApiException with VK's error code, {@link VkApiException#NO_ANSWER}, or
     *         {@link VkApiException#RATE_LIMITED_HERE} (nothing sent) when the slot is further away than {@code maxWait}
     */
    <R> R call(VkMethod<R> method, Duration maxWait) throws VkApiException {
        awaitSlot(method, maxWait);
        var form = new LinkedMultiValueMap<String, String>();
        method.params().forEach(form::add);
        form.add("access_token", settings.token());
        form.add("v", VkSettings.API_VERSION);
        var answer = exchange(method.name(), () -> methods.post()
                .uri(settings.method(method.name()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form));
        var error = answer.get("error");
        if (error != null && error.isObject()) {
            int code = error.path("error_code").asInt(0);
            throw new VkApiException(code, method.name() + ": VK error " + code + ": " + settings.mask(error.path("error_msg").asString("")), null);
        }
        var response = answer.get("response");
        if (response == null) {
            throw new VkApiException(VkApiException.NO_ANSWER, method.name() + ": VK answered without 'response' or 'error'", null);
        }
        try {
            return method.result(response);
        } catch (RuntimeException e) {
            throw new VkApiException(VkApiException.NO_ANSWER, method.name() + ": unreadable response: " + e.getMessage(), null);
        }
    }

    private void awaitSlot(VkMethod<?> method, Duration maxWait) throws VkApiException {
        var waited = Duration.ZERO;
        Duration wait;
        while (!(wait = limiter.tryAcquire()).isZero()) {
            if (waited.plus(wait).compareTo(maxWait) > 0) {
                throw new VkApiException(VkApiException.RATE_LIMITED_HERE, method.name() + ": over the local rate limit for " + wait.toMillis() + " ms", wait);
            }
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VkApiException(VkApiException.RATE_LIMITED_HERE, method.name() + ": interrupted while waiting for the rate limit", wait);
            }
            waited = waited.plus(wait);
        }
    }

    /** What one {@code a_check} brought. */
    sealed interface Check {
    }

    /** Events after {@code ts} up to the returned {@code ts}, which the next {@code a_check} asks from. */
    record Events(String ts, List<JsonNode> updates) implements Check {
        Events {
            Objects.requireNonNull(ts, "ts");
            updates = List.copyOf(updates);
        }
    }

    /**
     * Bots Long Poll refused: 1 — the {@code ts} is outdated (events were lost), go on from {@code ts};
     * 2 — the key expired, get a new one; 3 — the information is lost, get a new key and {@code ts}.
     */
    record Failed(int code, @Nullable String ts) implements Check {
    }

    /**
     * One {@code a_check}: waits up to {@code wait} for events after {@code ts}.
     *
     * @throws VkApiException ({@link VkApiException#NO_ANSWER}) when the server gave no usable answer
     */
    Check check(VkMethod.GetLongPollServer.Server server, String ts, Duration wait) throws VkApiException {
        var base = server.server().contains("://") ? server.server() : "https://" + server.server();
        URI uri = UriComponentsBuilder.fromUriString(base)
                .queryParam("act", "a_check")
                .queryParam("key", server.key())
                .queryParam("ts", ts)
                .queryParam("wait", wait.toSeconds())
                .encode().build().toUri();
        JsonNode answer;
        try {
            answer = exchange("a_check", () -> longPoll.get().uri(uri));
        } catch (VkApiException e) {
            // The key lets anyone read the community's events: keep it out of the logs.
            throw new VkApiException(e.code(), String.valueOf(e.getMessage()).replace(server.key(), "<key>"), null);
        }
        var failed = answer.get("failed");
        if (failed != null) {
            var newTs = answer.get("ts");
            return new Failed(failed.asInt(0), newTs == null || newTs.isNull() ? null : newTs.asString());
        }
        var newTs = answer.path("ts").asString("");
        if (newTs.isBlank() || !answer.path("updates").isArray()) {
            throw new VkApiException(VkApiException.NO_ANSWER, "a_check answered without ts or updates", null);
        }
        var updates = new ArrayList<JsonNode>();
        answer.path("updates").forEach(updates::add);
        return new Events(newTs, updates);
    }

    private interface Request {
        RestClient.RequestHeadersSpec<?> build();
    }

    private record Raw(int status, byte[] body) {
    }

    private JsonNode exchange(String what, Request request) throws VkApiException {
        Raw raw;
        try {
            raw = request.build().exchange((req, res) -> new Raw(res.getStatusCode().value(), res.getBody().readAllBytes()));
        } catch (RestClientException | IllegalStateException e) {
            throw new VkApiException(VkApiException.NO_ANSWER, settings.mask(what + ": no answer from VK: " + describe(e)), null);
        }
        if (raw == null) {
            throw new VkApiException(VkApiException.NO_ANSWER, what + ": empty answer from VK", null);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(raw.body());
        } catch (JacksonException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            throw new VkApiException(VkApiException.NO_ANSWER, what + ": VK answered HTTP " + raw.status() + " with a body that is not a JSON object", null);
        }
        return tree;
    }

    private static String describe(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
