package org.supportbot.conversation;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message the bot sends to a customer. Text is plain (channels escape it for their markup).
 *
 * @param conversation where it goes
 * @param text what it says
 * @param buttons buttons under it; pressing one comes back as {@link InboundMessage.ButtonPress} with its payload
 * @param attachment a file sent with it, {@code text} its caption (may be empty); null for a text message
 */
public record OutboundMessage(ConversationId conversation, String text, List<Button> buttons, @Nullable Attachment attachment) {

    public OutboundMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
    }

    /** A text message. */
    public OutboundMessage(ConversationId conversation, String text, List<Button> buttons) {
        this(conversation, text, buttons, null);
    }

    /** A button: its label, and the payload sent back when pressed. */
    public record Button(String label, String payload) {
        /**
         * The payload of a button that asks for the customer's phone (Telegram's contact request); the
         * answer comes back as {@link InboundMessage.Contact}. Only channels that can do it are sent one.
         */
        public static final String SHARE_CONTACT = "contact:share";

        public Button {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
