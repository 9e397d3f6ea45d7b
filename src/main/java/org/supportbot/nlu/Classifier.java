package org.supportbot.nlu;

import org.supportbot.knowledge.Language;

/** A trained model together with the decision policy of the content it was trained on. */
record Classifier(IntentModel model, DecisionPolicy policy, String key) {

    Parse parse(String text, Language fallback) {
        var language = Language.detect(text, fallback);
        var ranking = model.rank(TextNormalizer.tokens(text));
        return new Parse(language, ranking, policy.decide(ranking));
    }
}
