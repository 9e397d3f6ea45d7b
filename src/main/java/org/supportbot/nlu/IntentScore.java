package org.supportbot.nlu;

import java.util.Objects;

/** One line of a ranking: an intent and the model's confidence in it, 0..1. */
public record IntentScore(String intent, double confidence) {
    public IntentScore {
        Objects.requireNonNull(intent, "intent");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1 but was " + confidence);
        }
    }
}
