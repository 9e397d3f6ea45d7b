package org.supportbot.curation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * A group of similar questions the bot could not serve, for editors to act on.
 *
 * @param id stable while the group's oldest question is open, e.g. {@code s3f9a12c0}
 * @param language the language of its questions
 * @param volume how many questions it holds
 * @param examples its distinct wordings (personal data masked), most frequent first
 * @param proposedIntent the existing intent the model finds closest, or null: "new intent"
 * @param closeness the model's mean confidence in {@code proposedIntent} over the questions, 0..1
 * @param kinds how many questions were escalated, clarified or unhelpful ({@code escalated → 3})
 * @param operatorReply what an operator answered one of these questions with, once the ticket was resolved
 * @param lastAsked when the latest question came
 */
public record Suggestion(String id, Language language, int volume, List<Example> examples, @Nullable String proposedIntent, double closeness,
        Map<String, Integer> kinds, @Nullable String operatorReply, Instant lastAsked) {

    public Suggestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        examples = List.copyOf(examples);
        kinds = Map.copyOf(kinds);
        Objects.requireNonNull(lastAsked, "lastAsked");
    }

    /** One wording and how many times customers used it. */
    public record Example(String text, int count) {
        public Example {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Whether the model finds no existing intent close: the editor would create one. */
    public boolean proposesNewIntent() {
        return proposedIntent == null;
    }
}
