package org.supportbot.channel.vk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local VK API for tests (JDK HttpServer on 127.0.0.1). Methods are under {@code /method/<name>}
 * (names case-insensitively), parameters form-encoded as VK takes them, answers
 * {@code {"response": ...}} or {@code {"error": {"error_code", "error_msg"}}}. Like VK,
 * {@code messages.send} delivers a message once per {@code (peer_id, random_id)} — a repeated send
 * answers the first message's id and delivers nothing — and refuses invalid keyboards with 911.
 * Bots Long Poll: {@code groups.getLongPollServer} names {@code /lp} on this server; {@code a_check}
 * long-polls the events the test {@link #offer}s, with {@code ts} counting them from 1000, and
 * answers {@code failed} codes the test scripts with {@link #failNextCheck}.
 */
public final class FakeVkApi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int TS_BASE = 1000;

    /** One request as it arrived: the method (lower case; {@code a_check} for long polls) and its parameters. */
    record Call(String method, Map<String, String> params, long atMillis) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    /** A message VK delivered to a dialog; {@code attachment} as {@code messages.send} named it, "" for none. */
    public record Delivered(long peerId, int randomId, String text, @Nullable JsonNode keyboard, long messageId, String attachment) {
    }

    /** An answer: {@link #DROP_AFTER} executes the method and then closes the connection without answering. */
    record Reply(int status, String body) {
        static final Reply DROP_AFTER = new Reply(-1, "");

        static Reply response(String json) {
            return new Reply(200, "{\"response\":" + json + "}");
        }

        static Reply error(int code, String message) {
            return new Reply(200, "{\"error\":{\"error_code\":" + code + ",\"error_msg\":\"" + message + "\",\"request_params\":[]}}");
        }
    }

    private final String token;
    private final long groupId;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "fake-vk-api");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Call, @Nullable Reply>> replies = new ConcurrentHashMap<>();
    private final Map<String, Delivered> byRandomId = new HashMap<>(); // guarded by this
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>(); // guarded by this; event i has ts TS_BASE + i
    private final ArrayDeque<Integer> failures = new ArrayDeque<>(); // guarded by this
    private final List<String> unstoredAtCheck = new CopyOnWriteArrayList<>();
    private final AtomicInteger keys = new AtomicInteger();
    private volatile String key = "key-0";
    private volatile @Nullable Predicate<JsonNode> stored;
    private final FakeVkUploads uploads;

    public FakeVkApi(String token, long groupId) throws IOException {
        this.token = token;
        this.groupId = groupId;
        this.uploads = new FakeVkUploads(groupId);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** What VK_API_URL would be. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/method";
    }

    /** Answers {@code method} (any case) this way from now on; a null from the function means "as usual". */
    void when(String method, Function<Call, @Nullable Reply> reply) {
        replies.put(method.toLowerCase(Locale.ROOT), reply);
    }

    /** The messages upload flow: files uploaded, upload servers stalled or failing. */
    public FakeVkUploads uploads() {
        return uploads;
    }

    void name(long userId, String firstName) {
        names.put(userId, firstName);
    }

    /** Makes the event available to long polling (its ts is the next one). */
    public synchronized void offer(JsonNode event) {
        events.add(event);
        notifyAll();
    }

    /** The next {@code a_check} answers {@code {"failed": code}}; 2 and 3 also expire the key. */
    synchronized void failNextCheck(int code) {
        failures.add(code);
        notifyAll();
    }

    /** The ts an a_check would return now. */
    synchronized String currentTs() {
        return Integer.toString(TS_BASE + events.size());
    }

    /** Checks, at every a_check, that each event before its ts was stored. */
    void checkStoredBeforeConfirmed(Predicate<JsonNode> stored) {
        this.stored = stored;
    }

    /** Events an a_check confirmed (asked from a ts past them) before they were stored. */
    List<String> confirmedBeforeStored() {
        return unstoredAtCheck;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether the bot has long-polled (it reads the events offered from then on). */
    public boolean polled() {
        return !calls("a_check").isEmpty();
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** The messages delivered to one dialog, in order (repeated sends with a known random_id not counted). */
    public List<Delivered> deliveredTo(long peerId) {
        return delivered.stream().filter(d -> d.peerId() == peerId).toList();
    }

    List<Call> sendCallsTo(long peerId) {
        return calls("messages.send").stream().filter(c -> c.param("peer_id").equals(Long.toString(peerId))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var params = new LinkedHashMap<String, String>();
            parse(exchange.getRequestURI().getRawQuery(), params);
            var raw = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/upload/")) {
                respond(exchange, uploads.upload(exchange, raw));
                return;
            }
            var body = new String(raw, StandardCharsets.UTF_8);
            var type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                parse(body, params);
            }
            if (path.equals("/lp")) {
                var call = new Call("a_check", params, System.currentTimeMillis());
                calls.add(call);
                respond(exchange, check(call));
                return;
            }
            if (!path.startsWith("/method/")) {
                respond(exchange, new Reply(404, "Not Found"));
                return;
            }
            var method = path.substring("/method/".length()).toLowerCase(Locale.ROOT);
            var call = new Call(method, params, System.currentTimeMillis());
            calls.add(call);
            if (!token.equals(params.get("access_token"))) {
                respond(exchange, Reply.error(5, "User authorization failed: invalid access_token"));
                return;
            }
            if (!"5.199".equals(params.get("v"))) {
                respond(exchange, Reply.error(8, "Invalid request: v is required"));
                return;
            }
            var custom = replies.get(method);
            var reply = custom != null ? custom.apply(call) : null;
            boolean drop = reply == Reply.DROP_AFTER;
            if (reply == null || drop) {
                reply = switch (method) {
                    case "messages.send" -> send(call);
                    case "users.get" -> users(call);
                    case "groups.getlongpollserver" -> longPollServer(call);
                    case "messages.sendmessageeventanswer" -> Reply.response("1");
                    case "photos.getmessagesuploadserver" -> uploads.uploadServer(call, base(), true);
                    case "docs.getmessagesuploadserver" -> uploads.uploadServer(call, base(), false);
                    case "photos.savemessagesphoto" -> uploads.savePhoto(call);
                    case "docs.save" -> uploads.saveDoc(call);
                    default -> Reply.error(3, "Unknown method passed");
                };
            }
            if (drop) {
                // Executed, but the connection breaks: headers promising a body that never comes, then close.
                exchange.sendResponseHeaders(200, 1_000);
                return;
            }
            respond(exchange, reply);
        }
    }

    private Reply send(Call call) {
        long peer = Long.parseLong(call.param("peer_id").isEmpty() ? "0" : call.param("peer_id"));
        int randomId = Integer.parseInt(call.param("random_id").isEmpty() ? "0" : call.param("random_id"));
        var text = call.param("message");
        var attachment = call.param("attachment");
        if (!attachment.isEmpty() && !uploads.known(attachment)) {
            return Reply.error(100, "One of the parameters specified was missing or invalid: attachment is not a saved file");
        }
        if (peer == 0 || text.isEmpty() && attachment.isEmpty()) {
            return Reply.error(100, "One of the parameters specified was missing or invalid: message is empty or invalid");
        }
        if (text.length() > 4096) {
            return Reply.error(914, "Message is too long");
        }
        JsonNode keyboard = null;
        if (!call.param("keyboard").isEmpty()) {
            try {
                keyboard = JSON.readTree(call.param("keyboard"));
            } catch (RuntimeException e) {
                return Reply.error(911, "Keyboard format is invalid: not JSON");
            }
            var problem = keyboardProblem(keyboard);
            if (problem != null) {
                return Reply.error(911, "Keyboard format is invalid: " + problem);
            }
        }
        synchronized (this) {
            var key = peer + "/" + randomId;
            var earlier = randomId == 0 ? null : byRandomId.get(key);
            if (earlier != null) {
                return Reply.response(Long.toString(earlier.messageId()));
            }
            var message = new Delivered(peer, randomId, text, keyboard, 5000 + delivered.size(), attachment);
            delivered.add(message);
            if (randomId != 0) {
                byRandomId.put(key, message);
            }
            return Reply.response(Long.toString(message.messageId()));
        }
    }

    /** VK's keyboard limits: 5 per row; 10 rows and 40 keys, inline 6 rows and 10 keys; labels 40, payloads 255 characters. */
    static @Nullable String keyboardProblem(JsonNode keyboard) {
        boolean inline = keyboard.path("inline").asBoolean(false);
        var rows = keyboard.path("buttons");
        if (!rows.isArray()) {
            return "no buttons";
        }
        int keys = 0;
        for (var row : rows) {
            if (row.size() > 5) {
                return "more than 5 buttons in a row";
            }
            for (var button : row) {
                keys++;
                var action = button.path("action");
                var type = action.path("type").asString("");
                if (!type.equals("text") && !type.equals("callback")) {
                    return "unknown action type " + type;
                }
                var label = action.path("label").asString("");
                if (label.isEmpty() || label.length() > 40) {
                    return "label must have 1 to 40 characters";
                }
                var payload = action.path("payload").asString("");
                if (payload.length() > 255) {
                    return "payload longer than 255";
                }
                if (!payload.isEmpty()) {
                    try {
                        JSON.readTree(payload);
                    } catch (RuntimeException e) {
                        return "payload is not JSON";
                    }
                }
            }
        }
        if (rows.size() > (inline ? 6 : 10) || keys > (inline ? 10 : 40)) {
            return "too many buttons";
        }
        return null;
    }

    private Reply users(Call call) {
        var result = JSON.createArrayNode();
        for (var id : call.param("user_ids").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            long user = Long.parseLong(id.strip());
            var node = result.addObject();
            node.put("id", user);
            node.put("first_name", names.getOrDefault(user, "Пользователь"));
            node.put("last_name", "Тестов");
            node.put("can_access_closed", true);
            node.put("is_closed", false);
        }
        return Reply.response(result.toString());
    }

    private Reply longPollServer(Call call) {
        if (!call.param("group_id").equals(Long.toString(groupId))) {
            return Reply.error(100, "One of the parameters specified was missing or invalid: group_id");
        }
        key = "key-" + keys.incrementAndGet();
        var result = JSON.createObjectNode();
        result.put("key", key);
        result.put("server", "http://127.0.0.1:" + server.getAddress().getPort() + "/lp");
        result.put("ts", currentTs());
        return Reply.response(result.toString());
    }

    private Reply check(Call call) {
        if (!call.param("act").equals("a_check")) {
            return new Reply(200, "{\"failed\":4}");
        }
        long deadline = System.currentTimeMillis() + Long.parseLong(call.param("wait").isEmpty() ? "0" : call.param("wait")) * 1000;
        int ts;
        try {
            ts = Integer.parseInt(call.param("ts"));
        } catch (NumberFormatException e) {
            return new Reply(200, "{\"failed\":1,\"ts\":" + currentTs() + "}");
        }
        var check = stored;
        synchronized (this) {
            if (check != null) {
                for (int i = 0; i < Math.min(ts - TS_BASE, events.size()); i++) {
                    if (!check.test(events.get(i))) {
                        unstoredAtCheck.add(events.get(i).path("event_id").asString(""));
                    }
                }
            }
            while (true) {
                var failure = failures.poll();
                if (failure != null) {
                    if (failure == 1) {
                        return new Reply(200, "{\"failed\":1,\"ts\":\"" + currentTs() + "\"}");
                    }
                    key = "expired-" + keys.incrementAndGet();
                    return new Reply(200, "{\"failed\":" + failure + "}");
                }
                if (!call.param("key").equals(key)) {
                    return new Reply(200, "{\"failed\":2}");
                }
                if (ts < TS_BASE || ts > TS_BASE + events.size()) {
                    return new Reply(200, "{\"failed\":1,\"ts\":\"" + currentTs() + "\"}");
                }
                if (TS_BASE + events.size() > ts || System.currentTimeMillis() >= deadline) {
                    break;
                }
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            var result = JSON.createObjectNode();
            result.put("ts", currentTs());
            var updates = result.putArray("updates");
            for (int i = ts - TS_BASE; i < events.size(); i++) {
                updates.add(events.get(i));
            }
            return new Reply(200, result.toString());
        }
    }

    private static void parse(@Nullable String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (var pair : form.split("&")) {
            int eq = pair.indexOf('=');
            var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        var bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        uploads.release();
        server.stop(0);
        executor.shutdownNow();
    }

    // Events, as VK sends them (API 5.199); the Callback API adds "secret".

    static ObjectNode event(String type, String eventId, long groupId) {
        var event = JSON.createObjectNode();
        event.put("group_id", groupId);
        event.put("type", type);
        event.put("event_id", eventId);
        event.put("v", "5.199");
        return event;
    }

    /** A text from a user in their private dialog with the community; {@code langId} 0 is Russian, 3 English. */
    public static ObjectNode messageNew(String eventId, long groupId, long userId, String text, int langId) {
        var event = event("message_new", eventId, groupId);
        var object = event.putObject("object");
        var message = object.putObject("message");
        message.put("date", 1_700_000_000);
        message.put("from_id", userId);
        message.put("id", 0);
        message.put("out", 0);
        message.put("version", 10_000_000);
        message.putArray("attachments");
        message.put("conversation_message_id", Math.abs(eventId.hashCode() % 100_000));
        message.putArray("fwd_messages");
        message.put("important", false);
        message.put("is_hidden", false);
        message.put("peer_id", userId);
        message.put("random_id", 0);
        message.put("text", text);
        var client = object.putObject("client_info");
        client.putArray("button_actions").add("text").add("vkpay").add("open_app").add("location").add("open_link").add("callback")
                .add("intent_subscribe").add("intent_unsubscribe");
        client.put("keyboard", true);
        client.put("inline_keyboard", true);
        client.put("carousel", true);
        client.put("lang_id", langId);
        return event;
    }

    /** A press on a text button of a normal keyboard: its label as text, its payload as a JSON string. */
    static ObjectNode keyboardPress(String eventId, long groupId, long userId, String label, String vkPayload) {
        var event = messageNew(eventId, groupId, userId, label, 0);
        ((ObjectNode) event.path("object").path("message")).put("payload", vkPayload);
        return event;
    }

    /** A photo, sticker, voice message…, with a caption or none. */
    static ObjectNode attachment(String eventId, long groupId, long userId, String type, String caption) {
        var event = messageNew(eventId, groupId, userId, caption, 0);
        var attachment = ((ObjectNode) event.path("object").path("message")).putArray("attachments").addObject();
        attachment.put("type", type);
        attachment.putObject(type).put("id", 457239017);
        return event;
    }

    /** A press on a callback button: VK's payload is a JSON object here. */
    static ObjectNode messageEvent(String eventId, long groupId, long userId, String vkPayload, String vkEventId) {
        var event = event("message_event", eventId, groupId);
        var object = event.putObject("object");
        object.put("user_id", userId);
        object.put("peer_id", userId);
        object.put("event_id", vkEventId);
        object.set("payload", JSON.readTree(vkPayload));
        object.put("conversation_message_id", 7);
        return event;
    }

    static ObjectNode membership(String type, String eventId, long groupId, long userId) {
        var event = event(type, eventId, groupId);
        var object = event.putObject("object");
        object.put("user_id", userId);
        if (type.equals("message_allow")) {
            object.put("key", "");
        }
        return event;
    }
}
