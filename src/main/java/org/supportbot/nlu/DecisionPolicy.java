package org.supportbot.nlu;

import java.util.List;
import java.util.Map;
import org.supportbot.knowledge.IntentDefinition;

/**
 * Turns a ranking into a decision. It prefers asking or handing over to a wrong answer:
 * <ul>
 *   <li>the top intent is {@code oos} → escalate as out of scope;</li>
 *   <li>the top confidence reaches the intent's threshold (or the global one) → answer, or
 *       escalate when the intent always needs a person;</li>
 *   <li>the two best in-scope candidates together reach {@code clarify} and the second has at
 *       least {@code clarifyMinimum} → "did you mean A or B?";</li>
 *   <li>otherwise → escalate for low confidence.</li>
 * </ul>
 *
 * @param thresholds the global thresholds
 * @param intents per-intent settings (threshold, escalate); intents absent here use the global ones
 */
record DecisionPolicy(Thresholds thresholds, Map<String, IntentDefinition> intents) {

    DecisionPolicy {
        intents = Map.copyOf(intents);
    }

    Decision decide(List<IntentScore> ranking) {
        if (ranking.isEmpty()) {
            return new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, null);
        }
        var top = ranking.get(0);
        if (IntentDefinition.OUT_OF_SCOPE.equals(top.intent())) {
            return new Decision.Escalate(Decision.Reason.OUT_OF_SCOPE, null);
        }
        var definition = intents.get(top.intent());
        double threshold = definition != null && definition.threshold() != null ? definition.threshold() : thresholds.answer();
        if (top.confidence() >= threshold) {
            if (definition != null && definition.escalate()) {
                return new Decision.Escalate(Decision.Reason.INTENT_NEEDS_PERSON, top.intent());
            }
            return new Decision.Answer(top.intent(), top.confidence());
        }
        if (ranking.size() > 1) {
            var second = ranking.get(1);
            if (!IntentDefinition.OUT_OF_SCOPE.equals(second.intent())
                    && second.confidence() >= thresholds.clarifyMinimum()
                    && top.confidence() + second.confidence() >= thresholds.clarify()) {
                return new Decision.Clarify(top.intent(), second.intent());
            }
        }
        return new Decision.Escalate(Decision.Reason.LOW_CONFIDENCE, top.intent());
    }
}
