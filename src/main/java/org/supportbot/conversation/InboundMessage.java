package org.supportbot.conversation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * What a customer sent, as every channel reports it.
 *
 * @param conversation where it was sent
 * @param customerName the customer's display name on the platform, if known
 * @param body the text, the button pressed, or something that is not text
 * @param languageHint the customer's interface language, if the platform tells it: the bot greets
 *        a new customer in it; afterwards the language of each message decides
 */
public record InboundMessage(ConversationId conversation, @Nullable String customerName, Body body, @Nullable Language languageHint) {

    /** Longest text the bot reads; longer texts are cut for understanding but kept whole in the transcript. */
    public static final int MAX_TEXT_LENGTH = 4096;

    public InboundMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(body, "body");
    }

    /** A message without a language hint. */
    public InboundMessage(ConversationId conversation, @Nullable String customerName, Body body) {
        this(conversation, customerName, body, null);
    }

    /** The content of a message. */
    public sealed interface Body {
    }

    /** Typed text (commands such as {@code /start} included). */
    public record Text(String text) implements Body {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A pressed button, with the payload the bot attached to it. */
    public record ButtonPress(String payload) implements Body {
        public ButtonPress {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A sticker, photo, voice message, file…: {@code kind} names it, {@code caption} is its text if
     * any, {@code attachments} the files it carries (references, kept in the transcript).
     */
    public record NonText(String kind, @Nullable String caption, java.util.List<Attachment> attachments) implements Body {
        public NonText {
            Objects.requireNonNull(kind, "kind");
            attachments = java.util.List.copyOf(attachments);
        }

        /** Without attachments. */
        public NonText(String kind, @Nullable String caption) {
            this(kind, caption, java.util.List.of());
        }
    }

    /**
     * A phone number the customer shared with the messenger's own contact button.
     *
     * @param phone the number as the messenger gave it
     * @param own whether the messenger vouches it is the sender's own (Telegram: the contact's {@code user_id} is the sender)
     */
    public record Contact(String phone, boolean own) implements Body {
        public Contact {
            Objects.requireNonNull(phone, "phone");
        }
    }
}
