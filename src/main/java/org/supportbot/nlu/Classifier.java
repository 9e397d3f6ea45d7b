package org.supportbot.nlu;

import java.util.List;
import org.supportbot.knowledge.Language;

/**
 * A trained model together with the decision policy of the content it was trained on. A Latin
 * message the model mostly does not know is also read as Russian typed on the English layout and
 * as transliterated Russian; a reading the model knows more words of, and is more confident about,
 * wins.
 */
record Classifier(IntentModel model, DecisionPolicy policy, String key) {

    /** Below this share of known words a Latin message is also tried as mistyped Russian. */
    static final double KNOWN_WORDS_ENOUGH = 0.5;

    Parse parse(String text, Language fallback) {
        var tokens = model.tokens(text);
        var ranking = model.rank(tokens);
        var language = Language.detect(text, fallback);
        if (MistypedRussian.mayBe(text)) {
            double known = model.knownWordShare(tokens);
            if (known < KNOWN_WORDS_ENOUGH) {
                for (var reading : List.of(MistypedRussian.switchLayout(text), MistypedRussian.transliterate(text))) {
                    var readingTokens = model.tokens(reading);
                    double readingKnown = model.knownWordShare(readingTokens);
                    if (readingKnown <= known) {
                        continue;
                    }
                    var readingRanking = model.rank(readingTokens);
                    if (ranking.isEmpty() || readingRanking.get(0).confidence() > ranking.get(0).confidence()) {
                        ranking = readingRanking;
                        known = readingKnown;
                        language = Language.detect(reading, fallback);
                    }
                }
            }
        }
        return new Parse(language, ranking, policy.decide(ranking));
    }
}
