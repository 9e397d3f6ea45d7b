package org.supportbot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one intent, from {@code knowledge-base/<intent>.md}.
 *
 * @param intent the intent it answers
 * @param buttons names of other intents offered as quick replies after it
 * @param variations alternative wordings per language; {@code {name}} stands for the customer's name
 */
public record Answer(String intent, List<String> buttons, Map<Language, List<String>> variations) {

    /** The placeholder replaced by the customer's first name. */
    public static final String NAME_PLACEHOLDER = "{name}";

    public Answer {
        Objects.requireNonNull(intent, "intent");
        buttons = List.copyOf(buttons);
        variations = Map.copyOf(variations);
    }

    public List<String> variations(Language language) {
        return variations.getOrDefault(language, List.of());
    }
}
