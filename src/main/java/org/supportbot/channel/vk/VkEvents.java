package org.supportbot.channel.vk;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.channel.internal.MaskedId;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.ConversationId;
import org.supportbot.conversation.InboundMessage;
import org.supportbot.knowledge.Language;
import tools.jackson.databind.JsonNode;

/**
 * Turns VK community events into {@link InboundMessage}s for the {@link ConversationEngine},
 * however they arrived (Callback API or Bots Long Poll). An event is stored in the inbox under
 * {@code vk:<event_id>} before {@link #accept} returns, so a redelivered one is answered once.
 *
 * <ul>
 *   <li>{@code message_new}: text; attachments as {@link InboundMessage.NonText} with VK's
 *       attachment type ({@code photo}, {@code sticker}, {@code audio_message}, {@code doc}…) and
 *       the text as caption; a press on a keyboard button as {@link InboundMessage.ButtonPress}.
 *       The customer's name comes from {@code users.get} ({@link VkUsers}); their interface
 *       language from {@code client_info.lang_id} (0 Russian, 3 English).
 *   <li>{@code message_event} (a callback button): its payload as a button press; the event is
 *       answered with {@code messages.sendMessageEventAnswer} so that the button's spinner stops.
 *   <li>{@code message_deny}: the user forbade messages from the community — nothing more is sent
 *       to them; {@code message_allow} lifts that.
 * </ul>
 *
 * Only private dialogs are customers: messages from group chats ({@code peer_id} of 2000000000
 * and above) and from other communities are ignored. Thread-safe.
 */
@Component
@Conditional(VkEnabled.class)
class VkEvents {

    private static final Logger log = LoggerFactory.getLogger(VkEvents.class);

    static final String CHANNEL = "vk";
    static final String KEY_PREFIX = CHANNEL + ":";
    /** Peer ids from here on are group chats. */
    static final long CHAT_PEER_START = 2_000_000_000L;
    /** Answering a button press is cosmetic: it waits at most this long for a rate-limit slot. */
    static final Duration ANSWER_MAX_WAIT = Duration.ofSeconds(1);

    /** An event this channel cannot read; it will not be readable on a redelivery either. */
    static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message) {
            super(message);
        }
    }

    private final ConversationEngine engine;
    private final VkApi api;
    private final VkStore store;
    private final VkUsers users;
    private final VkKeyboards keyboards;
    private final VkSettings settings;
    private final org.supportbot.conversation.Attachments attachments;

    VkEvents(ConversationEngine engine, VkApi api, VkStore store, VkUsers users, VkKeyboards keyboards, VkSettings settings,
            org.supportbot.conversation.Attachments attachments) {
        this.attachments = attachments;
        this.engine = engine;
        this.api = api;
        this.store = store;
        this.users = users;
        this.keyboards = keyboards;
        this.settings = settings;
    }

    /**
     * Handles one event (a JSON object with {@code type}, {@code object}, {@code group_id},
     * {@code event_id}). Returns once it is stored (and its replies are in the outbox).
     *
     * @throws MalformedEvent when the event lacks what its type needs
     * @throws RuntimeException when the store failed: the event is not stored, VK must deliver it again
     */
    void accept(JsonNode event) {
        var type = event.path("type").asString("");
        if (type.isEmpty()) {
            throw new MalformedEvent("an event without a 'type'");
        }
        var object = event.path("object");
        switch (type) {
            case "message_new" -> onMessage(event, object.has("message") ? object.path("message") : object, object.path("client_info"));
            case "message_event" -> onButton(event, object);
            case "message_allow" -> store.markAllowed(userId(object, type));
            case "message_deny" -> {
                long user = userId(object, type);
                store.markDenied(user);
                log.info("VK user {} denied messages from the community: no more replies go there", MaskedId.of(user));
            }
            default -> log.debug("Ignored a VK {} event: not a kind the bot handles", type);
        }
    }

    private void onMessage(JsonNode event, JsonNode message, JsonNode clientInfo) {
        long peer = requiredLong(message, "peer_id", "message_new");
        long from = message.path("from_id").asLong(peer);
        if (peer <= 0 || peer >= CHAT_PEER_START || from <= 0) {
            log.debug("Ignored a VK message in peer {} from {}: the bot answers private dialogs with users only", peer, from);
            return;
        }
        var key = key(event, "message_new:" + peer + ":" + message.path("conversation_message_id").asString(message.path("id").asString("")));
        var body = body(message);
        if (body instanceof InboundMessage.NonText nonText) { // the files as references, kept before the turn reads them
            body = new InboundMessage.NonText(nonText.kind(), nonText.caption(), VkAttachments.of(key, message));
            attachments.remember(conversation(peer), ((InboundMessage.NonText) body).attachments());
        }
        engine.receive(key, new InboundMessage(conversation(peer), users.firstName(from), body, language(clientInfo)));
    }

    private void onButton(JsonNode event, JsonNode object) {
        long peer = requiredLong(object, "peer_id", "message_event");
        long user = object.path("user_id").asLong(peer);
        var vkEventId = object.path("event_id").asString("");
        try {
            if (peer <= 0 || peer >= CHAT_PEER_START || user <= 0) {
                log.debug("Ignored a VK button press in peer {}: the bot answers private dialogs with users only", peer);
                return;
            }
            if (vkEventId.isEmpty() && event.path("event_id").asString("").isEmpty()) {
                throw new MalformedEvent("a message_event without an event_id");
            }
            var key = key(event, "message_event:" + vkEventId);
            var pressed = keyboards.pressed(object.path("payload"));
            InboundMessage.Body body = pressed instanceof VkKeyboards.Pressed.Command command
                    ? new InboundMessage.Text(command.text())
                    : new InboundMessage.ButtonPress(((VkKeyboards.Pressed.Button) pressed).payload());
            engine.receive(key, new InboundMessage(conversation(peer), users.firstName(user), body));
        } finally {
            if (!vkEventId.isEmpty() && user > 0) {
                stopSpinner(vkEventId, user, peer);
            }
        }
    }

    private void stopSpinner(String eventId, long user, long peer) {
        try {
            api.call(new VkMethod.SendMessageEventAnswer(eventId, user, peer), ANSWER_MAX_WAIT);
        } catch (VkApiException | RuntimeException e) {
            // Only cosmetic: the spinner stops by itself after a while, and a redelivered event cannot be answered twice.
            log.debug("Could not answer VK message_event {}: {}", eventId, settings.mask(e.getMessage()));
        }
    }

    /** The message as the conversation sees it. */
    private InboundMessage.Body body(JsonNode message) {
        var text = message.path("text").asString("");
        var payload = message.path("payload");
        if (payload.isString() ? !payload.asString().isBlank() : payload.isObject()) {
            var pressed = keyboards.pressed(payload);
            return pressed instanceof VkKeyboards.Pressed.Command command
                    ? new InboundMessage.Text(command.text())
                    : new InboundMessage.ButtonPress(((VkKeyboards.Pressed.Button) pressed).payload());
        }
        var kind = nonTextKind(message);
        if (kind != null) {
            return new InboundMessage.NonText(kind, text.isBlank() ? null : text);
        }
        return new InboundMessage.Text(text);
    }

    private static @Nullable String nonTextKind(JsonNode message) {
        var attachments = message.path("attachments");
        if (attachments.isArray() && !attachments.isEmpty()) {
            var type = attachments.get(0).path("type").asString("");
            return type.isBlank() ? "attachment" : type;
        }
        if (message.has("geo")) {
            return "location";
        }
        return null;
    }

    /** The language of the customer's VK interface, if the bot speaks it (VK's lang_id: 0 Russian, 3 English). */
    private static @Nullable Language language(JsonNode clientInfo) {
        if (!clientInfo.path("lang_id").canConvertToLong()) {
            return null;
        }
        return switch (clientInfo.path("lang_id").asInt(-1)) {
            case 0 -> Language.RU;
            case 3 -> Language.EN;
            default -> null;
        };
    }

    /** {@code vk:<event_id>}, or, for an event without one, {@code vk:<group>:<what identifies it>}. */
    private String key(JsonNode event, String fallback) {
        var eventId = event.path("event_id").asString("");
        if (!eventId.isBlank()) {
            return KEY_PREFIX + eventId;
        }
        return KEY_PREFIX + event.path("group_id").asLong(settings.groupId()) + ":" + fallback;
    }

    private static long userId(JsonNode object, String type) {
        return requiredLong(object, "user_id", type);
    }

    private static long requiredLong(JsonNode object, String field, String type) {
        var value = object.path(field);
        if (!value.canConvertToLong()) {
            throw new MalformedEvent("a " + type + " event without a numeric '" + field + "'");
        }
        return value.asLong();
    }

    static ConversationId conversation(long peer) {
        return new ConversationId(CHANNEL, Long.toString(peer));
    }
}
