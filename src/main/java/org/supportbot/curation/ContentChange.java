package org.supportbot.curation;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an editor's decision changed.
 *
 * @param suggestion the suggestion acted on
 * @param action {@code accepted}, {@code created} or {@code dismissed}
 * @param intent the intent that received the phrases (accept, create); null for dismiss
 * @param files the content files written, relative to the content folder ({@code intents/delivery_info.yaml})
 * @param added the phrases added as examples
 * @param skipped phrases not added because an intent already has them as examples
 * @param questions how many collected questions this closed
 * @param reloaded whether the serving content was reloaded with the change (false when it has errors)
 */
public record ContentChange(String suggestion, String action, @Nullable String intent, List<String> files, List<String> added,
        List<String> skipped, int questions, boolean reloaded) {

    public ContentChange {
        Objects.requireNonNull(suggestion, "suggestion");
        Objects.requireNonNull(action, "action");
        files = List.copyOf(files);
        added = List.copyOf(added);
        skipped = List.copyOf(skipped);
    }
}
