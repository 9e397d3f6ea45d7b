package org.supportbot.channel.vk;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.supportbot.conversation.ConversationEngine;
import org.supportbot.conversation.OutboundMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * VK keyboards for our buttons, and the way back from a pressed button to our payload.
 *
 * <p>Buttons that all lead to topics ({@code intent:} payloads: quick replies) go as a normal
 * keyboard of text buttons under the input field, hidden after a press ({@code one_time}): pressing
 * one sends its label as the customer's message, with the payload. Any other buttons (feedback,
 * ratings: they answer this one message) go as an inline keyboard of callback buttons under the
 * message; a press arrives as {@code message_event}. Within VK's limits: a normal keyboard has at
 * most 10 rows of 5 and 40 buttons, an inline one 6 rows of 5 and 10 buttons; one button per row
 * while the rows suffice, more per row after that; labels of at most 40 characters.
 *
 * <p>Payloads: VK's button payload is JSON of at most 255 characters, so ours is wrapped as
 * {@code {"p":"intent:order_status"}}; a longer one is stored ({@link VkStore}) and the button
 * carries {@code {"k":"<key>"}}. Thread-safe.
 */
@Component
@Conditional(VkEnabled.class)
class VkKeyboards {

    private static final Logger log = LoggerFactory.getLogger(VkKeyboards.class);

    static final int MAX_PAYLOAD = 255;
    static final int MAX_LABEL = 40;
    static final int MAX_PER_ROW = 5;
    static final int MAX_ROWS = 10;
    static final int MAX_KEYS = 40;
    static final int MAX_INLINE_ROWS = 6;
    static final int MAX_INLINE_KEYS = 10;

    private final VkStore store;

    VkKeyboards(VkStore store) {
        this.store = store;
    }

    /** The keyboard JSON for these buttons, or null when there are none. */
    @Nullable String keyboard(List<OutboundMessage.Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        boolean inline = !buttons.stream().allMatch(button -> button.payload().startsWith(ConversationEngine.INTENT_PAYLOAD));
        int maxKeys = inline ? MAX_INLINE_KEYS : MAX_KEYS;
        int maxRows = inline ? MAX_INLINE_ROWS : MAX_ROWS;
        if (buttons.size() > maxKeys) {
            log.warn("A VK keyboard takes at most {} buttons: {} of {} left out", maxKeys, buttons.size() - maxKeys, buttons.size());
            buttons = buttons.subList(0, maxKeys);
        }
        int perRow = Math.min(MAX_PER_ROW, (buttons.size() + maxRows - 1) / maxRows);
        var keyboard = VkApi.JSON.createObjectNode();
        if (inline) {
            keyboard.put("inline", true);
        } else {
            keyboard.put("one_time", true);
        }
        var rows = keyboard.putArray("buttons");
        var row = rows.addArray();
        for (var button : buttons) {
            if (row.size() == perRow) {
                row = rows.addArray();
            }
            var action = row.addObject().putObject("action");
            action.put("type", inline ? "callback" : "text");
            action.put("label", label(button.label()));
            action.put("payload", payload(button.payload()));
        }
        return keyboard.toString();
    }

    /** The label cut to VK's limit (never inside a surrogate pair). */
    static String label(String label) {
        var text = label.strip();
        if (text.isEmpty()) {
            return "…";
        }
        if (text.length() <= MAX_LABEL) {
            return text;
        }
        int cut = MAX_LABEL - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    private String payload(String payload) {
        var wrapped = VkApi.JSON.createObjectNode().put("p", payload).toString();
        if (wrapped.length() <= MAX_PAYLOAD) {
            return wrapped;
        }
        return VkApi.JSON.createObjectNode().put("k", store.storePayload(payload)).toString();
    }

    /**
     * Our payload for a pressed button's VK payload (a JSON object, or a string holding one):
     * {@code {"p": ...}} as it is, {@code {"k": ...}} from the store. VK's own "Start" button
     * ({@code {"command":"start"}}) is {@code /start}. Anything else comes back as its JSON text,
     * which the conversation answers as an unknown button.
     */
    Pressed pressed(JsonNode vkPayload) {
        var node = vkPayload;
        if (node.isString()) {
            try {
                node = VkApi.JSON.readTree(node.asString());
            } catch (RuntimeException e) {
                return new Pressed.Button(vkPayload.asString());
            }
        }
        if (node instanceof ObjectNode object) {
            if (object.path("p").isString()) {
                return new Pressed.Button(object.path("p").asString());
            }
            if (object.path("k").isString()) {
                var stored = store.payload(object.path("k").asString());
                return new Pressed.Button(stored != null ? stored : object.toString());
            }
            if ("start".equals(object.path("command").asString(""))) {
                return new Pressed.Command("/start");
            }
        }
        return new Pressed.Button(node.toString());
    }

    /** What a pressed button means: our button with its payload, or a command. */
    sealed interface Pressed {
        record Button(String payload) implements Pressed {
        }

        record Command(String text) implements Pressed {
        }
    }
}
