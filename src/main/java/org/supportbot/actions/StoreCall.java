package org.supportbot.actions;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP call to the store: placeholders filled ({@code ${ENV}} as is, {@code {{slot}}} URL-encoded),
 * the whole call (headers and body) within the action's timeout, the body read up to
 * {@link #MAX_BODY} bytes and parsed as a JSON object. Never throws for what the store does:
 * every failure is a {@link StoreReply.Unavailable}. Thread-safe.
 */
final class StoreCall {

    private static final Logger log = LoggerFactory.getLogger(StoreCall.class);
    /** Larger answers are refused: an order is a few kilobytes. */
    static final int MAX_BODY = 256 * 1024;
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");
    private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]*)\\s*}}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Function<String, Optional<String>> env;
    /** Set after a 401/403 was logged, cleared by the next success: one ERROR per outage, not one per customer. */
    private final AtomicBoolean tokenRefused = new AtomicBoolean();

    StoreCall(HttpClient client, Function<String, Optional<String>> env) {
        this.client = client;
        this.env = env;
    }

    /** Whether every {@code ${ENV}} the call uses is set: an action without its store is off. */
    boolean configured(StoreAction.Call call) {
        return unresolved(call.url()).isEmpty() && call.headers().values().stream().allMatch(v -> unresolved(v).isEmpty());
    }

    private Optional<String> unresolved(String text) {
        var matcher = ENV.matcher(text);
        while (matcher.find()) {
            if (env.apply(matcher.group(1)).filter(v -> !v.isBlank()).isEmpty()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The URL with the environment and the slots filled in. */
    String url(StoreAction.Call call, Map<String, String> slots) {
        var withEnv = fillEnv(call.url());
        Matcher matcher = SLOT.matcher(withEnv);
        var out = new StringBuilder();
        while (matcher.find()) {
            var value = slots.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String fillEnv(String text) {
        return ENV.matcher(text).replaceAll(m -> Matcher.quoteReplacement(env.apply(m.group(1)).orElse("")));
    }

    StoreReply send(String action, StoreAction.Call call, String url) {
        HttpRequest request;
        try {
            var builder = HttpRequest.newBuilder(URI.create(url)).timeout(call.timeout())
                    .header("Accept", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.noBody());
            call.headers().forEach((name, value) -> builder.header(name, fillEnv(value)));
            request = builder.build();
        } catch (IllegalArgumentException e) {
            log.error("Action {}: the store URL is not valid; check SUPPORTBOT_STORE_API_URL and the action file", action);
            return new StoreReply.Unavailable("bad URL");
        }
        // Headers and body alike within the timeout: the future completes only once the body is read.
        var future = client.sendAsync(request, info -> new CappedBody(MAX_BODY));
        try {
            return read(action, future.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            log.warn("Action {}: the store did not answer within {} ms", action, call.timeout().toMillis());
            return new StoreReply.Unavailable("timeout");
        } catch (ExecutionException e) {
            var cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CappedBody.TooLarge || cause.getCause() instanceof CappedBody.TooLarge) {
                log.warn("Action {}: the store's answer is over {} bytes; refused", action, MAX_BODY);
                return new StoreReply.Unavailable("answer too large");
            }
            var reason = cause instanceof java.net.http.HttpTimeoutException ? "timeout" : "no connection";
            log.warn("Action {}: the store call failed: {} ({})", action, reason, cause.getClass().getSimpleName());
            return new StoreReply.Unavailable(reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StoreReply.Unavailable("interrupted");
        }
    }

    private StoreReply read(String action, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            if (tokenRefused.compareAndSet(false, true)) {
                log.error("Action {}: the store refused our credentials ({}): check SUPPORTBOT_STORE_API_TOKEN; customers are handed to operators until it works",
                        action, status);
            }
            return new StoreReply.Unavailable("store refused the token (" + status + ")");
        }
        if (status == 404) {
            tokenRefused.set(false);
            return new StoreReply.NotFound();
        }
        if (status >= 500 || status < 200 || status >= 300 && status != 409) {
            log.warn("Action {}: the store answered {}", action, status);
            return new StoreReply.Unavailable("store answered " + status);
        }
        var data = object(response.body());
        if (data == null) {
            log.warn("Action {}: the store's answer ({}) is not a JSON object", action, status);
            return new StoreReply.Unavailable("answer is not a JSON object");
        }
        tokenRefused.set(false);
        return status == 409 ? new StoreReply.Rejected(data) : new StoreReply.Found(data);
    }

    @SuppressWarnings("unchecked")
    private static @org.jspecify.annotations.Nullable Map<String, Object> object(byte[] bytes) {
        try {
            var value = JSON.readValue(bytes, Object.class);
            return value instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
