package org.supportbot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One intent as an editor defined it in {@code intents/<name>.yaml}.
 *
 * @param name the intent's name, {@code [a-z][a-z0-9_]*}
 * @param titles a short label per language, shown on buttons ("Did you mean …?")
 * @param queue the operator queue a conversation about this intent goes to
 * @param threshold the confidence needed to answer this intent, or {@code null} for the global one
 * @param escalate whether this intent always goes to a person (e.g. {@code human_operator})
 * @param examples training phrases per language
 */
public record IntentDefinition(
        String name,
        Map<Language, String> titles,
        String queue,
        @Nullable Double threshold,
        boolean escalate,
        Map<Language, List<String>> examples) {

    /** Intent names: lower case letters, digits and underscores, starting with a letter. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The reserved intent of messages the bot must not answer ("out of scope"). */
    public static final String OUT_OF_SCOPE = "oos";

    public IntentDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("intent name must match " + NAME + " but was '" + name + "'");
        }
        if (threshold != null && (threshold < 0 || threshold > 1)) {
            throw new IllegalArgumentException("threshold must be within 0..1 but was " + threshold);
        }
        titles = Map.copyOf(titles);
        queue = Objects.requireNonNull(queue, "queue");
        examples = Map.copyOf(examples);
    }

    /** The title in this language, falling back to any title, then to the name. */
    public String title(Language language) {
        var title = titles.get(language);
        if (title != null) {
            return title;
        }
        return titles.values().stream().findFirst().orElse(name);
    }

    /** The training phrases in this language; empty when there are none. */
    public List<String> examples(Language language) {
        return examples.getOrDefault(language, List.of());
    }

    /** Whether this is the reserved out-of-scope intent. */
    public boolean isOutOfScope() {
        return OUT_OF_SCOPE.equals(name);
    }
}
