package org.supportbot.channel.vk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One VK API method as this channel calls it: its name, its parameters (form-encoded, as VK takes
 * them; the client adds {@code access_token} and {@code v}), and how to read its {@code response}.
 * Each method is a record, checked in its constructor.
 *
 * @param <R> what the method returns
 */
sealed interface VkMethod<R> permits VkMethod.MessagesSend, VkMethod.SendMessageEventAnswer, VkMethod.UsersGet, VkMethod.GetLongPollServer,
        VkMethod.SetActivity, VkUploadMethods.GetUploadServer, VkUploadMethods.SaveMessagesPhoto, VkUploadMethods.SaveDoc {

    /** The method name, e.g. {@code messages.send}. */
    String name();

    /** The parameters, without {@code access_token} and {@code v}. */
    Map<String, String> params();

    /** Reads the {@code response} field of a successful answer. */
    R result(JsonNode response);

    /**
     * {@code messages.send} to one peer.
     *
     * @param randomId VK's idempotency key: a second send with the same id to the same peer is not
     *        delivered again (VK answers with the first message's id); never 0 (0 turns this off)
     * @param message the text; may be empty when there is an attachment
     * @param keyboard the keyboard as VK's JSON, or null for none
     * @param attachment an uploaded file as VK names it ({@code photo<owner>_<id>_<key>}, {@code doc<owner>_<id>}), or null
     */
    record MessagesSend(long peerId, int randomId, String message, @Nullable String keyboard, @Nullable String attachment)
            implements VkMethod<Long> {
        /** VK's limit for one message's text. */
        static final int MAX_LENGTH = 4096;

        public MessagesSend {
            Objects.requireNonNull(message, "message");
            if (peerId == 0) {
                throw new IllegalArgumentException("peerId must not be 0");
            }
            if (randomId == 0) {
                throw new IllegalArgumentException("randomId must not be 0: VK would not deduplicate the send");
            }
            if (message.isBlank() && attachment == null || message.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("message must have 1 to " + MAX_LENGTH + " characters, got " + message.length());
            }
        }

        /** A text message. */
        MessagesSend(long peerId, int randomId, String message, @Nullable String keyboard) {
            this(peerId, randomId, message, keyboard, null);
        }

        @Override
        public String name() {
            return "messages.send";
        }

        @Override
        public Map<String, String> params() {
            var params = new LinkedHashMap<String, String>();
            params.put("peer_id", Long.toString(peerId));
            params.put("random_id", Integer.toString(randomId));
            if (!message.isBlank()) {
                params.put("message", message);
            }
            if (attachment != null) {
                params.put("attachment", attachment);
            }
            if (keyboard != null) {
                params.put("keyboard", keyboard);
            }
            return params;
        }

        @Override
        public Long result(JsonNode response) {
            return response.asLong(0);
        }
    }

    /** {@code messages.sendMessageEventAnswer}: tells VK a callback button's press was handled (its spinner stops). */
    record SendMessageEventAnswer(String eventId, long userId, long peerId) implements VkMethod<Integer> {
        public SendMessageEventAnswer {
            Objects.requireNonNull(eventId, "eventId");
            if (eventId.isBlank()) {
                throw new IllegalArgumentException("eventId must not be blank");
            }
        }

        @Override
        public String name() {
            return "messages.sendMessageEventAnswer";
        }

        @Override
        public Map<String, String> params() {
            var params = new LinkedHashMap<String, String>();
            params.put("event_id", eventId);
            params.put("user_id", Long.toString(userId));
            params.put("peer_id", Long.toString(peerId));
            return params;
        }

        @Override
        public Integer result(JsonNode response) {
            return response.asInt(0);
        }
    }

    /** {@code users.get} for up to 1000 users: their first names. */
    record UsersGet(List<Long> userIds) implements VkMethod<List<UsersGet.User>> {
        static final int MAX_IDS = 1000;

        /** A user as far as the bot needs one. */
        record User(long id, String firstName) {
            public User {
                Objects.requireNonNull(firstName, "firstName");
            }
        }

        public UsersGet {
            userIds = List.copyOf(userIds);
            if (userIds.isEmpty() || userIds.size() > MAX_IDS) {
                throw new IllegalArgumentException("userIds must hold 1 to " + MAX_IDS + " ids, got " + userIds.size());
            }
        }

        @Override
        public String name() {
            return "users.get";
        }

        @Override
        public Map<String, String> params() {
            return Map.of("user_ids", userIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }

        @Override
        public List<User> result(JsonNode response) {
            var users = new ArrayList<User>();
            for (var user : response) {
                var name = user.path("first_name").asString("");
                if (user.path("id").canConvertToLong() && !name.isBlank()) {
                    users.add(new User(user.path("id").asLong(), name));
                }
            }
            return users;
        }
    }

    /** {@code groups.getLongPollServer}: where to long-poll, with which key, from which {@code ts}. */
    record GetLongPollServer(long groupId) implements VkMethod<GetLongPollServer.Server> {

        /** A Bots Long Poll server: {@code a_check} goes to {@code server} with {@code key}. */
        record Server(String server, String key, String ts) {
            public Server {
                Objects.requireNonNull(server, "server");
                Objects.requireNonNull(key, "key");
                Objects.requireNonNull(ts, "ts");
            }

            @Override
            public String toString() {
                return "Server[server=" + server + ", ts=" + ts + "]"; // the key lets anyone read the community's events
            }
        }

        public GetLongPollServer {
            if (groupId <= 0) {
                throw new IllegalArgumentException("groupId must be positive, got " + groupId);
            }
        }

        @Override
        public String name() {
            return "groups.getLongPollServer";
        }

        @Override
        public Map<String, String> params() {
            return Map.of("group_id", Long.toString(groupId));
        }

        @Override
        public Server result(JsonNode response) {
            var server = response.path("server").asString("");
            var key = response.path("key").asString("");
            var ts = response.path("ts").asString("");
            if (server.isBlank() || key.isBlank() || ts.isBlank()) {
                throw new IllegalArgumentException("groups.getLongPollServer answered without server, key or ts");
            }
            return new Server(server, key, ts);
        }
    }

    /** {@code messages.setActivity}: the peer sees the community "typing…" for a few seconds. */
    record SetActivity(long peerId) implements VkMethod<Integer> {
        @Override
        public String name() {
            return "messages.setActivity";
        }

        @Override
        public Map<String, String> params() {
            var params = new LinkedHashMap<String, String>();
            params.put("peer_id", Long.toString(peerId));
            params.put("type", "typing");
            return params;
        }

        @Override
        public Integer result(JsonNode response) {
            return response.asInt(0);
        }
    }
}
