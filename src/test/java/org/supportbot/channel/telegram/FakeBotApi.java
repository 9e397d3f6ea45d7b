package org.supportbot.channel.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Bot API server for tests (JDK HttpServer on 127.0.0.1): answers {@code /bot<token>/<method>}
 * (method names case-insensitively) with Bot API JSON, long-polls {@code getUpdates} from a queue the
 * test fills, and records every request with the time it arrived.
 */
public final class FakeBotApi implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    record Call(String method, String body, long atMillis) {
        /** The JSON body, or null for a multipart one (setWebhook). */
        @Nullable JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** An answer: a status and a body; {@link #DROP} closes the connection without answering. */
    record Reply(int status, String body) {
        static final Reply DROP = new Reply(-1, "");

        static Reply ok(String result) {
            return new Reply(200, "{\"ok\":true,\"result\":" + result + "}");
        }

        static Reply error(int code, String description, @Nullable Integer retryAfter) {
            return new Reply(code, "{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description + "\""
                    + (retryAfter == null ? "" : ",\"parameters\":{\"retry_after\":" + retryAfter + "}") + "}");
        }
    }

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "fake-bot-api");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, Function<Call, Reply>> replies = new ConcurrentHashMap<>();
    private final List<JsonNode> pending = new ArrayList<>(); // guarded by this
    private final List<Long> served = new CopyOnWriteArrayList<>();
    private final List<Long> confirmedBeforeStored = new CopyOnWriteArrayList<>();
    private final AtomicLong messageIds = new AtomicLong(1000);
    private volatile long highestOffset;
    private volatile @Nullable LongPredicate stored;

    public FakeBotApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes {@code getUpdates} return this update (a JSON object with its {@code update_id}) until an offset passes it. */
    public synchronized void offer(JsonNode update) {
        pending.add(update);
        notifyAll();
    }

    /** Answers {@code method} (any case) this way from now on. */
    void when(String method, Function<Call, Reply> reply) {
        replies.put(method.toLowerCase(Locale.ROOT), reply);
    }

    /** Checks, at every {@code getUpdates}, that each update it confirms (below the offset) was stored. */
    void checkStoredBeforeConfirmed(LongPredicate stored) {
        this.stored = stored;
    }

    List<Long> confirmedBeforeStored() {
        return confirmedBeforeStored;
    }

    long highestOffset() {
        return highestOffset;
    }

    /** How many connections the client opened to this server (distinct client addresses seen). */
    int connectionsOpened() {
        return connections.size();
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** The {@code sendMessage} requests to one chat, in order. */
    public List<JsonNode> sentTo(long chatId) {
        return calls("sendMessage").stream().map(Call::json)
                .filter(json -> json != null && json.path("chat_id").asString("").equals(Long.toString(chatId)))
                .toList();
    }

    List<Call> sendCallsTo(long chatId) {
        return calls("sendMessage").stream()
                .filter(c -> c.json() != null && c.json().path("chat_id").asString("").equals(Long.toString(chatId)))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var prefix = "/bot" + token + "/";
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/file/bot" + token + "/")) {
                serveFile(exchange, path.substring(("/file/bot" + token + "/").length()));
                return;
            }
            if (!path.startsWith(prefix)) {
                respond(exchange, Reply.error(404, "Not Found", null));
                return;
            }
            var method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
            var call = new Call(method, body, System.currentTimeMillis());
            calls.add(call);
            connections.add(String.valueOf(exchange.getRemoteAddress()));
            var custom = replies.get(method);
            var reply = custom != null ? custom.apply(call) : null;
            if (reply == null) {
                reply = switch (method) {
                    case "getupdates" -> getUpdates(call.json());
                    case "sendmessage" -> sent(call.json());
                    case "createforumtopic" -> topicCreated(call.json());
                    default -> Reply.ok("true");
                };
            }
            if (reply == Reply.DROP) {
                return; // closed without a response: the client sees the connection drop
            }
            respond(exchange, reply);
        }
    }

    private final AtomicLong threadIds = new AtomicLong(500);

    private Reply topicCreated(@Nullable JsonNode request) {
        var topic = JSON.createObjectNode();
        topic.put("message_thread_id", threadIds.incrementAndGet());
        topic.put("name", request == null ? "" : request.path("name").asString(""));
        topic.put("icon_color", 7322096);
        return Reply.ok(topic.toString());
    }

    /** The {@code sendMessage} requests into one forum topic of a group, in order. */
    List<JsonNode> sentToTopic(long chatId, long threadId) {
        return sentTo(chatId).stream().filter(json -> json.path("message_thread_id").asLong(-1) == threadId).toList();
    }

    private Reply sent(@Nullable JsonNode request) {
        var message = JSON.createObjectNode();
        message.put("message_id", messageIds.incrementAndGet());
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", request == null ? 0 : Long.parseLong(request.path("chat_id").asString("0")));
        chat.put("type", "private");
        message.put("text", request == null ? "" : request.path("text").asString(""));
        return Reply.ok(message.toString());
    }

    private Reply getUpdates(@Nullable JsonNode request) {
        long offset = request == null ? 0 : request.path("offset").asLong(0);
        long timeoutMillis = (request == null ? 0 : request.path("timeout").asLong(0)) * 1000;
        var check = stored;
        if (check != null) {
            for (long id : served) {
                if (id < offset && !check.test(id)) {
                    confirmedBeforeStored.add(id);
                }
            }
        }
        highestOffset = Math.max(highestOffset, offset);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        var result = JSON.createArrayNode();
        synchronized (this) {
            if (offset > 0) {
                pending.removeIf(update -> update.path("update_id").asLong() < offset);
            }
            while (pending.isEmpty() && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (var update : pending) {
                result.add(update);
                served.add(update.path("update_id").asLong());
            }
        }
        return Reply.ok(result.toString());
    }

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();

    /** Serves these bytes at {@code /file/bot<token>/<path>}, as Telegram's file server does. */
    void file(String path, byte[] bytes) {
        files.put(path, bytes);
    }

    /** The file paths downloaded, in order. */
    List<String> downloads() {
        return downloads;
    }

    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();

    /** Makes a download of this path hang, answering nothing, until the server closes. */
    void stall(String path) {
        stalled.add(path);
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        downloads.add(path);
        if (stalled.contains(path)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        var bytes = files.get(path);
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        var bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // Updates, as Telegram sends them.

    public static ObjectNode textUpdate(long updateId, long chatId, String firstName, String text) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = message(update.putObject("message"), updateId, chatId, firstName);
        message.put("text", text);
        if (text.startsWith("/")) {
            var entity = message.putArray("entities").addObject();
            entity.put("type", "bot_command");
            entity.put("offset", 0);
            entity.put("length", text.split("\\s", 2)[0].length());
        }
        return update;
    }

    static ObjectNode editedUpdate(long updateId, long chatId, String firstName, String text) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = message(update.putObject("edited_message"), updateId, chatId, firstName);
        message.put("edit_date", 1_700_000_100);
        message.put("text", text);
        return update;
    }

    static ObjectNode stickerUpdate(long updateId, long chatId, String firstName) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var sticker = message(update.putObject("message"), updateId, chatId, firstName).putObject("sticker");
        sticker.put("file_id", "CAACAgIAAxkBAAE");
        sticker.put("file_unique_id", "AgADAgAD");
        sticker.put("type", "regular");
        sticker.put("width", 512);
        sticker.put("height", 512);
        sticker.put("is_animated", false);
        sticker.put("is_video", false);
        return update;
    }

    static ObjectNode groupTextUpdate(long updateId, long groupId, String text) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = update.putObject("message");
        message.put("message_id", updateId);
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", groupId);
        chat.put("type", "supergroup");
        chat.put("title", "Some group");
        var from = message.putObject("from");
        from.put("language_code", "en-US");
        from.put("id", 4242);
        from.put("is_bot", false);
        from.put("first_name", "Group member");
        message.put("text", text);
        return update;
    }

    /** A message in a forum topic of a supergroup, from a user. */
    static ObjectNode topicMessage(long updateId, long groupId, long threadId, long fromId, String firstName, String text) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var message = update.putObject("message");
        message.put("message_id", updateId);
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", groupId);
        chat.put("type", "supergroup");
        chat.put("title", "Support operators");
        chat.put("is_forum", true);
        user(message.putObject("from"), fromId, firstName);
        message.put("message_thread_id", threadId);
        message.put("is_topic_message", true);
        message.put("text", text);
        if (text.startsWith("/")) {
            var entity = message.putArray("entities").addObject();
            entity.put("type", "bot_command");
            entity.put("offset", 0);
            entity.put("length", text.split("\\s", 2)[0].length());
        }
        return update;
    }

    public static ObjectNode buttonUpdate(long updateId, long chatId, String firstName, String data) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var query = update.putObject("callback_query");
        query.put("id", "cq-" + updateId);
        user(query.putObject("from"), chatId, firstName);
        query.put("chat_instance", "ci-" + chatId);
        query.put("data", data);
        var message = query.putObject("message");
        message.put("message_id", 7);
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", "private");
        chat.put("first_name", firstName);
        user(message.putObject("from"), 999, "SupportBot").put("is_bot", true);
        message.put("text", "Выберите тему");
        return update;
    }

    static ObjectNode membershipUpdate(long updateId, long chatId, String firstName, String status) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var change = update.putObject("my_chat_member");
        var chat = change.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", "private");
        chat.put("first_name", firstName);
        user(change.putObject("from"), chatId, firstName);
        change.put("date", 1_700_000_000);
        var old = change.putObject("old_chat_member");
        old.put("status", "member");
        user(old.putObject("user"), 999, "SupportBot").put("is_bot", true);
        var now = change.putObject("new_chat_member");
        now.put("status", status);
        user(now.putObject("user"), 999, "SupportBot").put("is_bot", true);
        if (status.equals("kicked")) {
            now.put("until_date", 0);
        }
        return update;
    }

    /** A contact shared in a private chat; {@code userId} is whose contact it is (the sender's own when it is {@code chatId}). */
    static ObjectNode contactUpdate(long updateId, long chatId, String firstName, String phone, @org.jspecify.annotations.Nullable Long userId) {
        var update = JSON.createObjectNode();
        update.put("update_id", updateId);
        var contact = message(update.putObject("message"), updateId, chatId, firstName).putObject("contact");
        contact.put("phone_number", phone);
        contact.put("first_name", firstName);
        if (userId != null) {
            contact.put("user_id", userId);
        }
        return update;
    }

    /** The same update from a user whose Telegram interface is in another language. */
    static ObjectNode withLanguage(ObjectNode update, String languageCode) {
        update.findParents("first_name").forEach(user -> {
            if (user.has("language_code")) {
                ((ObjectNode) user).put("language_code", languageCode);
            }
        });
        return update;
    }

    private static ObjectNode message(ObjectNode message, long messageId, long chatId, String firstName) {
        message.put("message_id", messageId);
        message.put("date", 1_700_000_000);
        var chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", "private");
        chat.put("first_name", firstName);
        user(message.putObject("from"), chatId, firstName);
        return message;
    }

    private static ObjectNode user(ObjectNode user, long id, String firstName) {
        user.put("id", id);
        user.put("is_bot", false);
        user.put("first_name", firstName);
        user.put("language_code", "ru");
        return user;
    }
}
