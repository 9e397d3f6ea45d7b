package org.supportbot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An operators' saved reply, from {@code replies/<shortcut>.md}: operators insert it in the console
 * (type {@code /}) or send it from a ticket's Telegram topic with {@code /r <shortcut>}.
 *
 * @param shortcut the word operators type, the file's name
 * @param title what the reply is for, as the console's picker lists it
 * @param variations alternative wordings per language, with the {@link #PLACEHOLDERS}
 */
public record CannedReply(String shortcut, String title, Map<Language, List<String>> variations) {

    /**
     * The placeholders a reply may use: the customer's first name, the operator's display name, and
     * the order number and status of the conversation's context (empty when the ticket has none).
     */
    public static final Set<String> PLACEHOLDERS = Set.of("{name}", "{operator}", "{order}", "{order_status}");

    public CannedReply {
        Objects.requireNonNull(shortcut, "shortcut");
        Objects.requireNonNull(title, "title");
        variations = Map.copyOf(variations);
    }

    public List<String> variations(Language language) {
        return variations.getOrDefault(language, List.of());
    }
}
