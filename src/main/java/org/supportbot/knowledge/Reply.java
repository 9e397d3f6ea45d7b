package org.supportbot.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A rendered answer, ready for a channel.
 *
 * @param text the message text (plain text, not escaped)
 * @param buttons quick replies, each naming the intent it answers
 */
public record Reply(String text, List<QuickReply> buttons) {

    /** A quick-reply button: pressing it asks for {@code intent} directly. */
    public record QuickReply(String label, String intent) {
        public QuickReply {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(intent, "intent");
        }
    }

    public Reply {
        Objects.requireNonNull(text, "text");
        buttons = List.copyOf(buttons);
    }
}
