package org.supportbot.nlu;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.supportbot.knowledge.Language;

/**
 * What the bot understood of one message.
 *
 * @param language the language of the message, Russian when it has no letters
 * @param ranking intents by falling confidence; empty when the message has no words
 * @param decision what to do about it
 * @param entities what the message names (order numbers, phones…), by {@link EntityFinder}; empty when not looked for
 */
public record Parse(Language language, List<IntentScore> ranking, Decision decision, List<Entity> entities) {

    public Parse {
        Objects.requireNonNull(language, "language");
        ranking = List.copyOf(ranking);
        Objects.requireNonNull(decision, "decision");
        entities = List.copyOf(entities);
    }

    /** A parse without entities. */
    public Parse(Language language, List<IntentScore> ranking, Decision decision) {
        this(language, ranking, decision, List.of());
    }

    /** This parse with {@code found} as its entities. */
    public Parse withEntities(List<Entity> found) {
        return new Parse(language, ranking, decision, found);
    }

    /** The top intent, or null when nothing was recognised. */
    public @Nullable String intent() {
        return ranking.isEmpty() ? null : ranking.get(0).intent();
    }

    /** The confidence in the top intent, 0 when nothing was recognised. */
    public double confidence() {
        return ranking.isEmpty() ? 0 : ranking.get(0).confidence();
    }
}
