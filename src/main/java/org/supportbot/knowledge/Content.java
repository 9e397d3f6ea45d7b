package org.supportbot.knowledge;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent snapshot of all content: what the bot was trained on and answers with.
 * Immutable; a reload produces a new snapshot.
 *
 * @param intents intent definitions by name
 * @param answers answers by intent name
 * @param fingerprint a hash of everything that affects training, to reuse a trained model
 */
public record Content(Map<String, IntentDefinition> intents, Map<String, Answer> answers, String fingerprint) {

    public Content {
        intents = Map.copyOf(intents);
        answers = Map.copyOf(answers);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public Optional<IntentDefinition> intent(String name) {
        return Optional.ofNullable(intents.get(name));
    }

    public Optional<Answer> answer(String intent) {
        return Optional.ofNullable(answers.get(intent));
    }
}
