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
 * @param messages the bot's own wording
 * @param fingerprint a hash of everything that affects training, to reuse a trained model
 * @param replies operators' saved replies by shortcut
 */
public record Content(Map<String, IntentDefinition> intents, Map<String, Answer> answers, Messages messages, String fingerprint,
        Map<String, CannedReply> replies) {

    public Content {
        // Sorted by name, not Map.copyOf: its iteration order changes from run to run, and with it
        // the training order and the cross-validation folds (the quality gate needs the same figures each run).
        intents = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(intents));
        answers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(answers));
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(fingerprint, "fingerprint");
        replies = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(replies));
    }

    /** Content without saved replies. */
    public Content(Map<String, IntentDefinition> intents, Map<String, Answer> answers, Messages messages, String fingerprint) {
        this(intents, answers, messages, fingerprint, Map.of());
    }

    /** Content that speaks the built-in messages ({@link Messages#defaults()}). */
    public Content(Map<String, IntentDefinition> intents, Map<String, Answer> answers, String fingerprint) {
        this(intents, answers, Messages.defaults(), fingerprint);
    }

    public Optional<IntentDefinition> intent(String name) {
        return Optional.ofNullable(intents.get(name));
    }

    public Optional<Answer> answer(String intent) {
        return Optional.ofNullable(answers.get(intent));
    }
}
